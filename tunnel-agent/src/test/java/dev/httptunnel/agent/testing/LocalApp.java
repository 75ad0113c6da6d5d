package dev.httptunnel.agent.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The user's local service, on loopback. {@code /redirect} answers 302, {@code /cookies} sets two
 * cookies, {@code /slow} waits until {@link #releaseSlowRequests()}, {@code /stalling/N} sends its headers
 * and a tenth of its N bytes and then waits the same way, {@code /cut-short/N} sends half of its N bytes
 * and closes the connection, {@code /size/N} answers N bytes, {@code /status/N} answers that status,
 * {@code /random/N} answers N bytes of {@link #randomBytes(int)}, {@code /chunked/N} answers N bytes without
 * a Content-Length, {@code /big-header/N} answers N bytes with a 20,000-character header; any other path
 * echoes the request body with status 200.
 */
public final class LocalApp implements AutoCloseable {

    /** A request exactly as the local service saw it. */
    public record Seen(String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {
        public List<String> header(String name) {
            return ReceivedHeaders.values(headers, name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final CountDownLatch slowRelease = new CountDownLatch(1);

    private LocalApp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public static LocalApp start() throws IOException {
        LocalApp app = new LocalApp();
        app.server.start();
        return app;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Seen awaitRequest(Duration timeout) throws InterruptedException {
        Seen request = seen.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("the local app saw no request within " + timeout.toMillis() + " ms");
        }
        return request;
    }

    /** A request the app has seen and not yet returned, or null when there is none right now. */
    public Seen awaitRequestOrNull() {
        return seen.poll();
    }

    public void releaseSlowRequests() {
        slowRelease.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            seen.add(new Seen(exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders()), body));
            String path = exchange.getRequestURI().getPath();
            Headers out = exchange.getResponseHeaders();
            if (path.equals("/redirect")) {
                out.add("Location", "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/cookies")) {
                out.add("Set-Cookie", "a=1; Path=/");
                out.add("Set-Cookie", "b=2; HttpOnly");
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/slow")) {
                slowRelease.await(20, TimeUnit.SECONDS);
                respond(exchange, 200, "late".getBytes());
            } else if (path.startsWith("/size/")) {
                byte[] big = new byte[Integer.parseInt(path.substring("/size/".length()))];
                Arrays.fill(big, (byte) 'x');
                respond(exchange, 200, big);
            } else if (path.startsWith("/random/")) {
                respond(exchange, 200, randomBytes(Integer.parseInt(path.substring("/random/".length()))));
            } else if (path.startsWith("/chunked/")) {
                byte[] big = new byte[Integer.parseInt(path.substring("/chunked/".length()))];
                Arrays.fill(big, (byte) 'y');
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(big);
                } catch (IOException readerGaveUp) {
                    // The agent stops reading a body over its limit.
                }
            } else if (path.startsWith("/stalling/")) {
                // Announces N bytes, sends a tenth, then waits to be released (or for the reader to give up).
                int size = Integer.parseInt(path.substring("/stalling/".length()));
                exchange.sendResponseHeaders(200, size);
                OutputStream stream = exchange.getResponseBody();
                stream.write(randomBytes(size), 0, size / 10);
                stream.flush();
                slowRelease.await(20, TimeUnit.SECONDS);
                try {
                    stream.write(new byte[size - size / 10]);
                    stream.close();
                } catch (IOException readerGaveUp) {
                    // The agent gave up on the body at its deadline.
                }
            } else if (path.startsWith("/cut-short/")) {
                int size = Integer.parseInt(path.substring("/cut-short/".length()));
                exchange.sendResponseHeaders(200, size);
                OutputStream stream = exchange.getResponseBody();
                stream.write(randomBytes(size), 0, size / 2);
                stream.flush();
                // A handler's IOException makes the server close the connection: the body ends halfway.
                throw new IOException("cut short on purpose");
            } else if (path.startsWith("/big-header/")) {
                out.add("X-Padding", "p".repeat(20_000));
                respond(exchange, 200, randomBytes(Integer.parseInt(path.substring("/big-header/".length()))));
            } else if (path.startsWith("/status/")) {
                exchange.sendResponseHeaders(Integer.parseInt(path.substring("/status/".length())), -1);
            } else {
                out.add("X-Echo-Method", exchange.getRequestMethod());
                respond(exchange, 200, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** N random bytes, the same for the same N: what {@code /random/N} answers. */
    public static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
