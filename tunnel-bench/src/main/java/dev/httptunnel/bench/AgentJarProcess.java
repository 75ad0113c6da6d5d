package dev.httptunnel.bench;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.local.LocalGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The built {@code tunnel-agent.jar} in a JVM of its own, as a user runs it, so the benchmark measures
 * the agent's process and not a copy sharing the benchmark's JVM.
 */
public final class AgentJarProcess implements AutoCloseable {

    private static final Pattern PATH_URL = Pattern.compile("http://[^/\\s]+/([a-z0-9]{12})\\b");
    private static final Duration BANNER_TIMEOUT = Duration.ofSeconds(30);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final Process process;

    private AgentJarProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the agent for the app on {@code port} against {@code gateway}, its command line after
     * {@code launcher} (say {@code taskset -c 1}, to give it a core). It presents a fresh token of the
     * gateway's, passed in its environment as users pass theirs.
     */
    public static AgentJarProcess start(List<String> launcher, Path jar, int port, LocalGateway gateway)
            throws IOException {
        return start(launcher, jar, port, gateway, gateway.tokenAdmin().create(Optional.empty(), List.of()).token());
    }

    /** As {@link #start(List, Path, int, LocalGateway)}, presenting {@code token}: an agent restarted as itself. */
    public static AgentJarProcess start(List<String> launcher, Path jar, int port, LocalGateway gateway,
                                        AgentToken token) throws IOException {
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--agent-jar must name the built tunnel-agent.jar: " + jar);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(java, "-jar", jar.toString(), "--port", Integer.toString(port),
                "--endpoint", gateway.webSocketUrl().toString(),
                // Benchmarks measure the tunnel; the relay benchmark measures the inspector's cost on its own.
                "--no-inspect"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TUNNEL_TOKEN", token.secret());
        return new AgentJarProcess(builder.start());
    }

    /**
     * Reads the agent's banner for its tunnel id, then keeps draining its output (one line per request),
     * handing every line to {@code output} as well.
     */
    public String awaitTunnel(Consumer<String> output) throws Exception {
        return ProcessOutput.awaitMatch(process, "agent", PATH_URL, output, BANNER_TIMEOUT);
    }

    /** SIGKILL: the process dies at once and the OS resets its connection, no close frame sent. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C: the agent stops gracefully; true when it exited within {@code timeout}. */
    public boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
