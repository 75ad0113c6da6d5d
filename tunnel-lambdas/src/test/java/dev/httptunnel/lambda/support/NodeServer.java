package dev.httptunnel.lambda.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test server shipped as an npm package under {@code tools/}, run with node on a free loopback port
 * and stopped when the test JVM exits.
 */
final class NodeServer {

    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final URI endpoint;

    private NodeServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @param tool the folder under {@code tools/} whose {@code package.json} installs the server
     * @param script the server's CLI, relative to that folder
     * @param readyLine text the server prints once it listens
     * @param arguments its arguments; {@code {port}} stands for the chosen port
     */
    static NodeServer start(String tool, String script, String readyLine, List<String> arguments) {
        Path cli = repositoryRoot().resolve("tools").resolve(tool).resolve(script);
        if (!Files.exists(cli)) {
            throw new IllegalStateException(tool + " is not installed at " + cli + "; run 'npm ci --prefix tools/"
                    + tool + "' (make test does it)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("node", cli.toString()));
        arguments.forEach(a -> command.add(a.replace("{port}", Integer.toString(port))));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            awaitLine(process, tool, readyLine);
            return new NodeServer(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + tool + " with node", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the ready line, and keeps draining the output so the server never blocks on a full pipe. */
    private static void awaitLine(Process process, String tool, String readyLine) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains(readyLine)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException(tool + " exited before listening"));
        }, tool + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroy();
            throw new IllegalStateException(tool + " did not listen within " + START_TIMEOUT_SECONDS + " s", e);
        } catch (Exception e) {
            process.destroy();
            throw new IllegalStateException(tool + " failed to start: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout's root: the nearest folder upwards that holds {@code tools/}. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("tools/dynalite"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no tools/dynalite above " + Path.of("").toAbsolutePath());
    }
}
