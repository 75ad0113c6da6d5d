package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inspector's HTTP side on the JDK's server: the page (three files from the jar), the JSON API, raw
 * bodies, HAR and the live event stream. Every request passes the {@link InspectorGuard} first.
 */
final class InspectorServer implements AutoCloseable {

    static final String WEB = "/dev/httptunnel/agent/inspect/web/";
    /** A replay call with an edited body, at most. */
    static final int MAX_CALL_BYTES = 16 << 20;
    static final long KEEPALIVE_SECONDS = 15;
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(InspectorServer.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final InspectorGuard guard;
    private final InspectorApi api;
    private final EventFeed feed;
    private final ObjectMapper json;
    private final Map<String, byte[]> files = new HashMap<>();

    private InspectorServer(HttpServer server, InspectorApi api, EventFeed feed, ObjectMapper json, String host) {
        this.server = server;
        this.api = api;
        this.feed = feed;
        this.json = json;
        this.guard = new InspectorGuard(host, server.getAddress().getPort());
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tunnel-inspector-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (String name : new String[] {"index.html", "inspector.js", "inspector.css"}) {
            files.put(name, resource(name));
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * A server listening on {@code host:port}, or on one of the next ports when {@code tryNext} and it is
     * taken, not serving yet.
     *
     * @throws BindException when no port could be had
     */
    static HttpServer bind(String host, int port, boolean tryNext) throws IOException {
        int tries = tryNext && port != 0 ? InspectorSettings.PORTS_TRIED : 1;
        BindException taken = null;
        for (int i = 0; i < tries && port + i <= 65535; i++) {
            try {
                return HttpServer.create(new InetSocketAddress(host, port + i), 64);
            } catch (BindException e) {
                taken = e;
            }
        }
        throw taken;
    }

    /** Serves on {@code server}, bound by {@link #bind}. */
    static InspectorServer start(HttpServer server, String host, InspectorApi api, EventFeed feed, ObjectMapper json) {
        InspectorServer inspector = new InspectorServer(server, api, feed, json, host);
        server.start();
        return inspector;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try {
            var headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Cache-Control", "no-store");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            String refusal = guard.refusal(exchange.getRequestHeaders());
            if (refusal != null) {
                text(exchange, 403, refusal);
                return;
            }
            route(exchange);
        } catch (InspectorApi.ApiException refused) {
            text(exchange, refused.status(), refused.getMessage());
        } catch (IOException gone) {
            LOG.debug("Inspector client went away: {}", gone.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Inspector request failed", e);
            text(exchange, 500, "the inspector failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI());
        String requests = CaptureJson.REQUESTS_URI;
        if (path.equals("/") || path.equals("/index.html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
            file(exchange, method, "index.html", "text/html; charset=utf-8");
        } else if (path.equals("/inspector.js")) {
            file(exchange, method, "inspector.js", "text/javascript; charset=utf-8");
        } else if (path.equals("/inspector.css")) {
            file(exchange, method, "inspector.css", "text/css; charset=utf-8");
        } else if (path.equals("/favicon.ico")) {
            // Browsers ask for one; an empty answer keeps their console free of a 404.
            exchange.sendResponseHeaders(204, -1);
        } else if (path.equals(requests)) {
            switch (method) {
                case "GET" -> send(exchange, 200, api.list(query.get("limit"), query.get("q")));
                case "POST" -> send(exchange, 200, api.replay(readCall(exchange)));
                case "DELETE" -> {
                    api.clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> throw notAllowed(method, "GET, POST, DELETE");
            }
        } else if (path.equals(requests + ".har")) {
            requireGet(method);
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"http-tunnel.har\"");
            send(exchange, 200, api.har(query.get("ids")));
        } else if (path.startsWith(requests + "/")) {
            requireGet(method);
            String[] parts = path.substring(requests.length() + 1).split("/", -1);
            if (parts.length == 1) {
                send(exchange, 200, api.one(parts[0]));
            } else if (parts.length == 3 && parts[2].equals("body")
                    && (parts[1].equals("request") || parts[1].equals("response"))) {
                rawBody(exchange, api.find(parts[0]), parts[1]);
            } else {
                throw new InspectorApi.ApiException(404, "no such inspector resource");
            }
        } else if (path.equals("/api/tunnels")) {
            requireGet(method);
            send(exchange, 200, api.tunnels());
        } else if (path.equals("/api/events")) {
            requireGet(method);
            events(exchange);
        } else {
            throw new InspectorApi.ApiException(404, "no such inspector resource: see docs/agent.md for the API");
        }
    }

    /** The kept bytes, as a download only: a captured body is never rendered under the inspector's origin. */
    private static void rawBody(HttpExchange exchange, Capture capture, String part) throws IOException {
        CapturedBody body = part.equals("request") ? capture.requestBody() : capture.responseBody();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/octet-stream");
        headers.set("Content-Disposition", "attachment; filename=\"" + capture.id() + "-" + part + ".bin\"");
        headers.set("X-Body-Size", Long.toString(body.size()));
        headers.set("X-Body-Truncated", Boolean.toString(body.truncated()));
        byte[] bytes = body.bytes();
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Streams events to one page until it goes away; a comment every few seconds finds a closed page. */
    private void events(HttpExchange exchange) throws IOException, InterruptedException {
        EventFeed.Subscriber subscriber = feed.subscribe();
        if (subscriber == null) {
            throw new InspectorApi.ApiException(503, "too many inspector pages are open (" + EventFeed.MAX_PAGES
                    + "); close one");
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!subscriber.overflowed() && !threads.isShutdown()) {
                String event = subscriber.events().poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                out.write((event == null ? ": keepalive\n\n" : event).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } finally {
            feed.unsubscribe(subscriber);
        }
    }

    private JsonNode readCall(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            // A browser cannot send this type across sites without asking first: one more guard.
            throw new InspectorApi.ApiException(415, "send the replay call as Content-Type: application/json");
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_CALL_BYTES + 1);
            if (bytes.length > MAX_CALL_BYTES) {
                throw new InspectorApi.ApiException(413, "a replay call may hold at most " + MAX_CALL_BYTES + " bytes");
            }
            JsonNode call = json.readTree(bytes);
            if (call == null || !call.isObject()) {
                throw new InspectorApi.ApiException(400, "a replay call is a JSON object: {\"id\": \"...\"}");
            }
            return call;
        } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
            var where = malformed.getLocation();
            throw new InspectorApi.ApiException(400, "the replay call is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                    + ": send {\"id\": \"...\"} with optional method, path, headers, body");
        }
    }

    private void file(HttpExchange exchange, String method, String name, String type) throws IOException {
        requireGet(method);
        byte[] bytes = files.get(name);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void text(HttpExchange exchange, int status, String message) {
        try {
            byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException | IllegalStateException alreadyAnswered) {
            LOG.debug("Could not answer the inspector client: {}", alreadyAnswered.getMessage());
        }
    }

    private static void requireGet(String method) {
        if (!method.equals("GET")) {
            throw notAllowed(method, "GET");
        }
    }

    private static InspectorApi.ApiException notAllowed(String method, String allowed) {
        return new InspectorApi.ApiException(405, "method not allowed here; use " + allowed);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String[] pair : QueryParameters.parse(uri.getRawQuery())) {
            values.putIfAbsent(pair[0], pair[1]);
        }
        return values;
    }

    private static byte[] resource(String name) {
        try (InputStream in = InspectorServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new IllegalStateException("the inspector page is missing from the jar: " + WEB + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
