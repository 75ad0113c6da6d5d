package dev.httptunnel.local.inspector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * The app behind the tunnel for the browser test: {@code /echo/...} answers the request body with its
 * Content-Type, {@code /image.png} a small PNG, anything else 404; every request is recorded.
 */
final class RecordingApp implements AutoCloseable {

    /** A request as the app saw it. */
    record Seen(String method, String target, Map<String, List<String>> headers, byte[] body) {
        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final byte[] png = png();

    private RecordingApp(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingApp start() throws IOException {
        return new RecordingApp(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            if (path.startsWith("/echo/")) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                exchange.getResponseHeaders().set("Content-Type", type == null ? "text/plain" : type);
                respond(exchange, 200, body);
            } else if (path.equals("/image.png")) {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                respond(exchange, 200, png);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                respond(exchange, 404, "nothing here\n".getBytes());
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** A 48×32 picture: a blue field with an orange bar, enough to see it was decoded. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(0x1f6feb));
        graphics.fillRect(0, 0, 48, 32);
        graphics.setColor(new Color(0xf08c00));
        graphics.fillRect(8, 12, 32, 8);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
