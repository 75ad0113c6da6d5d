package dev.httptunnel.local.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A small local app to see the tunnel work with nothing else running: {@code /} is a page, {@code /echo}
 * answers with what it received (method, path, query, headers, body). Run it with
 * {@code java -cp tunnel-local.jar dev.httptunnel.local.sample.SampleApp 3000}.
 */
public final class SampleApp implements AutoCloseable {

    private final HttpServer server;

    private SampleApp(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static SampleApp start(int port) throws IOException {
        // Without it the JDK server's separate header and body writes meet delayed ACKs and stall.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "sample-app");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/echo", SampleApp::echo);
        server.createContext("/", SampleApp::page);
        server.start();
        return new SampleApp(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        SampleApp app;
        try {
            app = start(port);
        } catch (BindException busy) {
            // A one-line reason, not a stack trace: the demo must not tunnel whatever else owns the port.
            System.err.println("sample app: port " + port + " is in use by another program; pick a free one, "
                    + "e.g. make demo PORT=" + (port + 1));
            System.exit(1);
            return;
        }
        System.out.println("sample app on http://127.0.0.1:" + app.port() + "/  (and /echo); Ctrl-C stops.");
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        Thread.currentThread().join();
    }

    private static void page(HttpExchange exchange) throws IOException {
        drain(exchange.getRequestBody());
        if (!exchange.getRequestURI().getRawPath().equals("/")) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found: " + exchange.getRequestURI() + "\n");
            return;
        }
        String host = exchange.getRequestHeaders().getFirst("X-Forwarded-Host");
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>http-tunnel works</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}"
                + "code{background:#f3f3f3;padding:0 .3em}</style></head><body>"
                + "<h1>It works: this page came through the tunnel</h1>"
                + "<p>Served by the sample app on <code>127.0.0.1:" + exchange.getLocalAddress().getPort()
                + "</code> at " + Instant.now() + ", requested as <code>" + escape(host == null ? "(direct)" : host)
                + "</code>.</p><p>Try <a href=\"echo?hello=world\">echo</a> to see the request the app received.</p>"
                + "</body></html>\n";
        send(exchange, 200, "text/html; charset=utf-8", html);
    }

    private static void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        StringBuilder text = new StringBuilder();
        text.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI().getRawPath());
        if (exchange.getRequestURI().getRawQuery() != null) {
            text.append('?').append(exchange.getRequestURI().getRawQuery());
        }
        text.append('\n');
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                text.append(header.getKey()).append(": ").append(value).append('\n');
            }
        }
        text.append('\n');
        // The body goes back byte for byte, not decoded as text, so a binary upload can be checked end to end.
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] echoed = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, echoed, head.length, body.length);
        send(exchange, 200, "text/plain; charset=utf-8", echoed);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.readAllBytes();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
