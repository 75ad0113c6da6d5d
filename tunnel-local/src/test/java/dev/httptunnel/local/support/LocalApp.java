package dev.httptunnel.local.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The local service behind the tunnel in end-to-end tests (a JDK HttpServer on loopback):
 * <ul>
 *   <li>{@code /echo...}: answers 200 with the request body, its method and raw target in
 *       {@code X-Echo-Method} / {@code X-Echo-Target}, the body's SHA-256 in {@code X-Echo-Sha256} and every
 *       {@code X-Multi} value in {@code X-Echo-Multi}</li>
 *   <li>{@code /status/N}: answers status N, with {@code Location: /target} for 3xx and no body for 204/304</li>
 *   <li>{@code /cookies}: sets three cookies</li>
 *   <li>{@code /bytes/N}: answers N random bytes, those of {@link #randomBytes(int)}</li>
 *   <li>{@code /sha256}: reads the request body and answers its SHA-256 (hex) and length, a small answer
 *       for measuring the request direction alone</li>
 *   <li>{@code /header/N}: answers 200 with an {@code X-Big} header of N characters</li>
 *   <li>{@code /slow}: answers after {@link #SLOW_MILLIS} ms, or at {@link #close()}</li>
 *   <li>{@code /delay/N}: answers "late" after N ms (at most {@link #SLOW_MILLIS})</li>
 * </ul>
 */
public final class LocalApp implements AutoCloseable {

    public static final long SLOW_MILLIS = 12_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Semaphore slowArrivals = new Semaphore(0);
    private final Semaphore delayedArrivals = new Semaphore(0);
    private final Map<String, AtomicInteger> echoed = new ConcurrentHashMap<>();

    private LocalApp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LocalApp start() throws IOException {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms stalls.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService executor = Executors.newFixedThreadPool(64, r -> {
            Thread thread = new Thread(r, "local-app");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        LocalApp app = new LocalApp(server, executor);
        server.createContext("/echo", app::echo);
        server.createContext("/status/", app::status);
        server.createContext("/cookies", app::cookies);
        server.createContext("/slow", app::slow);
        server.createContext("/delay/", app::delay);
        server.createContext("/bytes/", app::bytes);
        server.createContext("/sha256", app::digest);
        server.createContext("/header/", app::bigHeader);
        server.start();
        return app;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        echoed.computeIfAbsent(exchange.getRequestURI().getRawPath(), path -> new AtomicInteger()).incrementAndGet();
        var headers = exchange.getResponseHeaders();
        headers.set("X-Echo-Method", exchange.getRequestMethod());
        String query = exchange.getRequestURI().getRawQuery();
        headers.set("X-Echo-Target", exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        headers.set("X-Echo-Sha256", sha256(body));
        List<String> multi = exchange.getRequestHeaders().get("X-Multi");
        if (multi != null) {
            headers.set("X-Echo-Multi", String.join("|", multi));
        }
        headers.set("Content-Type", "application/octet-stream");
        send(exchange, 200, body);
    }

    private void status(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
        if (status >= 300 && status < 400 && status != 304) {
            exchange.getResponseHeaders().set("Location", "/target");
        }
        if (status == 204 || status == 304) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        send(exchange, status, ("status " + status).getBytes());
    }

    private void cookies(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/");
        exchange.getResponseHeaders().add("Set-Cookie", "b=2; HttpOnly");
        exchange.getResponseHeaders().add("Set-Cookie", "c=3; Max-Age=60");
        send(exchange, 200, "three cookies".getBytes());
    }

    private void bytes(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int size = Integer.parseInt(exchange.getRequestURI().getPath().substring("/bytes/".length()));
        byte[] body = randomBytes(size);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        send(exchange, 200, body);
    }

    /** What {@code /bytes/N} answers: N bytes from a generator seeded with N. */
    public static byte[] randomBytes(int size) {
        byte[] body = new byte[size];
        new java.util.Random(size).nextBytes(body);
        return body;
    }

    private void bigHeader(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int size = Integer.parseInt(exchange.getRequestURI().getPath().substring("/header/".length()));
        exchange.getResponseHeaders().set("X-Big", "a".repeat(size));
        send(exchange, 200, "big header".getBytes());
    }

    private void digest(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        send(exchange, 200, (sha256(body) + " " + body.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Forgets the {@code /slow} and {@code /delay/N} requests that arrived so far: waits are for new ones. */
    public void forgetSlowArrivals() {
        slowArrivals.drainPermits();
        delayedArrivals.drainPermits();
    }

    /** How many times {@code /echo} requests for {@code rawPath} reached the app. */
    public int timesEchoed(String rawPath) {
        AtomicInteger count = echoed.get(rawPath);
        return count == null ? 0 : count.get();
    }

    /** Waits until {@code count} {@code /delay/N} requests have reached the app. */
    public boolean awaitDelayedRequests(int count, Duration timeout) throws InterruptedException {
        return delayedArrivals.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until a {@code /slow} request has reached the app: it is then in flight through the agent. */
    public boolean awaitSlowRequest(Duration timeout) throws InterruptedException {
        return slowArrivals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void slow(HttpExchange exchange) throws IOException {
        answerAfter(exchange, SLOW_MILLIS, slowArrivals, "finally");
    }

    private void delay(HttpExchange exchange) throws IOException {
        long millis;
        try {
            String path = exchange.getRequestURI().getPath();
            millis = Math.min(SLOW_MILLIS, Long.parseLong(path.substring("/delay/".length())));
        } catch (NumberFormatException e) {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 400, "N must be a number of milliseconds".getBytes());
            return;
        }
        answerAfter(exchange, millis, delayedArrivals, "late");
    }

    /** Counts the arrival, then answers {@code body} after {@code millis}, or at once when the app closes. */
    private void answerAfter(HttpExchange exchange, long millis, Semaphore arrivals, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        arrivals.release();
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(exchange, 200, body.getBytes());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
