package dev.httptunnel.agent.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the service's body bucket on loopback, as the presigned URLs of S3 behave: GET of a stored body,
 * PUT of an uploaded one, each under a random path with a random "signature" in the query. A request
 * whose query differs from the one issued, or whose Host is not the one the URL names, gets 403 as a
 * broken signature would; an unknown path gets 404.
 */
public final class PresignedBucket implements AutoCloseable {

    /** What a PUT looked like when it arrived. */
    public record Upload(byte[] body, Map<String, List<String>> headers) {
        public List<String> header(String name) {
            return ReceivedHeaders.values(headers, name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, String> signatures = new ConcurrentHashMap<>();
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final Set<String> cutShort = ConcurrentHashMap.newKeySet();
    private final Set<String> stalling = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, CompletableFuture<Upload>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger uploadsInProgress = new AtomicInteger();
    private final AtomicInteger putCount = new AtomicInteger();
    private volatile long uploadPauseMillisPer64Kb;

    private PresignedBucket() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public static PresignedBucket start() throws IOException {
        PresignedBucket store = new PresignedBucket();
        store.server.start();
        return store;
    }

    /** A GET URL serving {@code body}. */
    public String offer(byte[] body) {
        String url = newUrl();
        stored.put(pathOf(url), body);
        return url;
    }

    /** A GET URL announcing {@code body} whose connection closes halfway through it. */
    public String offerCutShort(byte[] body) {
        String url = offer(body);
        cutShort.add(pathOf(url));
        return url;
    }

    /** A GET URL announcing {@code body} that sends a tenth of it, then nothing more until the store closes. */
    public String offerStalling(byte[] body) {
        String url = offer(body);
        stalling.add(pathOf(url));
        return url;
    }

    /** A signed GET URL for a body that does not exist (expired, deleted): answered 404. */
    public String missing() {
        return newUrl();
    }

    /** A PUT URL; {@link #awaitUpload(String, Duration)} returns what was put there. */
    public String uploadUrl() {
        String url = newUrl();
        uploads.put(pathOf(url), new CompletableFuture<>());
        return url;
    }

    /** A PUT URL answered with {@code status} (the body is read first, as S3 does). */
    public String refusingUploadUrl(int status) {
        String url = uploadUrl();
        refusals.put(pathOf(url), status);
        return url;
    }

    /** Reads uploads slowly from now on: a pause after every 64 KB, as a slow uplink would. */
    public void slowUploads(Duration pausePer64Kb) {
        this.uploadPauseMillisPer64Kb = pausePer64Kb.toMillis();
    }

    public Upload awaitUpload(String url, Duration timeout) throws Exception {
        try {
            return uploads.get(pathOf(url)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("nothing uploaded to " + pathOf(url) + " within " + timeout.toMillis() + " ms");
        }
    }

    /** Uploads whose bytes are still arriving. */
    public int uploadsInProgress() {
        return uploadsInProgress.get();
    }

    /** Every PUT received so far, accepted or not. */
    public int putCount() {
        return putCount.get();
    }

    private String newUrl() {
        String path = "/bodies/" + UUID.randomUUID();
        String query = "X-Amz-Expires=60&X-Amz-Signature=" + UUID.randomUUID().toString().replace("-", "");
        signatures.put(path, query);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?" + query;
    }

    private static String pathOf(String url) {
        return java.net.URI.create(url).getRawPath();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String host = exchange.getRequestHeaders().getFirst("Host");
            String expectedQuery = signatures.get(path);
            boolean put = exchange.getRequestMethod().equals("PUT");
            if (put) {
                putCount.incrementAndGet();
            }
            if (expectedQuery == null) {
                drain(exchange.getRequestBody(), 0);
                answer(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
            } else if (!expectedQuery.equals(query)
                    || !("127.0.0.1:" + server.getAddress().getPort()).equals(host)) {
                drain(exchange.getRequestBody(), 0);
                answer(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>");
            } else if (exchange.getRequestMethod().equals("GET")) {
                byte[] body = stored.get(path);
                if (body == null) {
                    answer(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
                } else {
                    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                    if (stalling.contains(path)) {
                        exchange.getResponseBody().write(body, 0, body.length / 10);
                        exchange.getResponseBody().flush();
                        awaitClosing();
                        throw new IOException("the store closed");
                    }
                    if (cutShort.contains(path)) {
                        exchange.getResponseBody().write(body, 0, body.length / 2);
                        exchange.getResponseBody().flush();
                        // A handler's IOException makes the server close the connection: the body ends halfway.
                        throw new IOException("cut short on purpose");
                    }
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } else if (put && uploads.containsKey(path)) {
                uploadsInProgress.incrementAndGet();
                byte[] body;
                try {
                    body = drain(exchange.getRequestBody(), uploadPauseMillisPer64Kb);
                } finally {
                    uploadsInProgress.decrementAndGet();
                }
                Integer refusal = refusals.get(path);
                if (refusal != null) {
                    answer(exchange, refusal, "<Error><Code>AccessDenied</Code></Error>");
                } else {
                    uploads.get(path).complete(new Upload(body, Map.copyOf(exchange.getRequestHeaders())));
                    exchange.getResponseHeaders().add("ETag", "\"etag\"");
                    exchange.sendResponseHeaders(200, -1);
                }
            } else {
                answer(exchange, 405, "<Error><Code>MethodNotAllowed</Code></Error>");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] drain(InputStream in, long pauseMillisPer64Kb) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int sinceLastPause = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            out.write(chunk, 0, n);
            sinceLastPause += n;
            if (pauseMillisPer64Kb > 0 && sinceLastPause >= chunk.length) {
                sinceLastPause = 0;
                Thread.sleep(pauseMillisPer64Kb);
            }
        }
        return out.toByteArray();
    }

    private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void awaitClosing() {
        try {
            closing.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
