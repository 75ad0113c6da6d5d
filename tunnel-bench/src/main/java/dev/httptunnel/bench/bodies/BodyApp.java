package dev.httptunnel.bench.bodies;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * The app behind the tunnel: {@code /upload} answers the body's SHA-256 and length, {@code /bytes/N}
 * answers N bytes drawn from a generator seeded with N, {@code /small} answers two bytes.
 */
final class BodyApp implements AutoCloseable {

    private final HttpServer server;

    private BodyApp(HttpServer server) {
        this.server = server;
    }

    static BodyApp start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "bench-app");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/upload", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            send(exchange, (sha256(body) + " " + body.length).getBytes(StandardCharsets.US_ASCII));
        });
        server.createContext("/bytes/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int size = Integer.parseInt(exchange.getRequestURI().getPath().substring("/bytes/".length()));
            send(exchange, bytes(Math.min(size, ProtocolLimits.MAX_BODY_BYTES + 1), size));
        });
        server.createContext("/small", exchange -> {
            exchange.getRequestBody().readAllBytes();
            send(exchange, "ok".getBytes(StandardCharsets.US_ASCII));
        });
        server.start();
        return new BodyApp(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code size} bytes drawn from a generator seeded with {@code seed}: what {@code /bytes/seed} answers. */
    static byte[] bytes(int size, long seed) {
        byte[] body = new byte[size];
        new Random(seed).nextBytes(body);
        return body;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
