package dev.httptunnel.local.support;

import dev.httptunnel.identity.AgentToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's CLI in a JVM of its own, as a user runs it, so a test can kill it the hard way (the OS
 * closes its socket; no WebSocket close frame is sent).
 */
public final class AgentProcess implements AutoCloseable {

    private static final Pattern PATH_URL = Pattern.compile("http://localhost:\\d+/([a-z0-9][a-z0-9-]*)/(?=\\s|$)");

    private final Process process;
    private final BlockingQueue<String> tunnelIds = new LinkedBlockingQueue<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private AgentProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "agent-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code tunnel-agent --port localPort --endpoint endpoint} on the test's own class path, with
     * {@code token} in {@code TUNNEL_TOKEN} as a user passes it.
     */
    public static AgentProcess start(int localPort, URI endpoint, AgentToken token, String... moreArgs)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.httptunnel.agent.cli.AgentCommand", "--port", Integer.toString(localPort),
                "--endpoint", endpoint.toString(),
                // Tests run agents side by side: none may take port 4040 or keep captures in the user's home.
                "--no-inspect"));
        command.addAll(List.of(moreArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TUNNEL_TOKEN", token.secret());
        // Never the developer's own settings.
        builder.environment().put("TUNNEL_AGENT_CONFIG", Path.of("target", "no-agent-config").toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        return new AgentProcess(builder.start());
    }

    /** The tunnel id from the next banner the agent prints, failing when none comes in {@code timeout}. */
    public String awaitTunnel(Duration timeout) throws InterruptedException {
        String id = tunnelIds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (id == null) {
            throw new AssertionError("the agent printed no public URL within " + timeout);
        }
        return id;
    }

    /** The exit status, waiting up to {@code timeout} for the agent to stop by itself. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the agent still runs after " + timeout + "; it printed " + output);
        }
        return process.exitValue();
    }

    /** Every line the agent printed so far, standard output and error together. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** SIGTERM, what Ctrl-C's shutdown amounts to: the agent stops gracefully; waits up to {@code timeout}. */
    public void terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent process still alive " + timeout + " after SIGTERM; it printed " + output);
        }
    }

    /** SIGKILL: the process dies at once and the OS resets its connections. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("agent process still alive 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the agent process to die", e);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher url = PATH_URL.matcher(line);
                if (url.find()) {
                    tunnelIds.add(url.group(1));
                }
            }
        } catch (IOException closed) {
            // The process ended; nothing more to read.
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
