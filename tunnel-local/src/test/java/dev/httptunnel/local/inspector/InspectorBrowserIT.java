package dev.httptunnel.local.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.agent.inspect.InspectorSettings;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inspector page in real headless Chromium (Debian's, driven by playwright-core from
 * {@code tools/inspector-browser-test}), with requests sent through the whole local tunnel: the gateway
 * running the real handlers, the real agent, an app that records what it sees. The node script checks
 * the page; this test checks the app saw the replays, the edited one with its edit.
 */
@Timeout(180)
class InspectorBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private LocalGateway gateway;
    private RecordingApp app;
    private TunnelAgent agent;

    @BeforeEach
    void startTunnel() throws Exception {
        gateway = LocalGateway.start(GatewaySettings.builder().host("127.0.0.1").ports(0, 0).build(),
                GatewayStorage.inMemory(Clock.systemUTC()));
        app = RecordingApp.start();
        agent = TunnelAgent.start(AgentSettings.builder(app.port()).endpoint(gateway.webSocketUrl())
                .token(gateway.tokenAdmin().create(Optional.empty(), List.of()).token())
                .inspector(InspectorSettings.inMemory()).build());
    }

    @AfterEach
    void stopTunnel() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (app != null) {
            app.close();
        }
        if (gateway != null) {
            gateway.close();
            gateway.storage().close();
        }
    }

    @Test
    void thePage_showsRequestsLive_filtersSearchesRendersReplaysAndExports() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("the browser tests need chromium at %s: apt-get install -y chromium (.ci/run does in CI), or set "
                        + "CHROMIUM", CHROMIUM).isTrue();
        Path tool = repositoryRoot().resolve("tools/inspector-browser-test");
        assertThat(tool.resolve("node_modules/playwright-core")).as("playwright-core is installed by make test-deps "
                + "(npm ci --prefix tools/inspector-browser-test)").isDirectory();
        ConnectionEstablished tunnel = agent.awaitEstablished(WAIT);
        String publicUrl = "http://localhost:" + gateway.httpPort() + "/" + tunnel.tunnelId();
        Path screenshots = Path.of("target/inspector-screenshots").toAbsolutePath();
        Path log = Files.createDirectories(Path.of("target")).resolve("inspector-browser-test.log").toAbsolutePath();

        Process node = new ProcessBuilder("node", tool.resolve("inspector.test.mjs").toString(),
                "--inspector", agent.inspectorUrl().orElseThrow().toString(), "--public", publicUrl,
                "--screenshots", screenshots.toString(), "--chromium", CHROMIUM.toString())
                // To a file, not a pipe: a pipe nobody reads while waiting would stall a talkative script.
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String output;
        try {
            boolean ended = node.waitFor(150, TimeUnit.SECONDS);
            if (!ended) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("the browser test ended in time; it printed:%n%s", output).isTrue();
        } finally {
            node.destroyForcibly();
        }
        System.out.println(output);
        assertThat(node.exitValue()).as("the browser test's exit code; it printed:%n%s", output).isZero();
        assertThat(output).contains("ok - the HAR holds every request").doesNotContain("not ok");

        List<RecordingApp.Seen> json = app.seen().stream().filter(seen -> seen.target().equals("/echo/json")).toList();
        assertThat(json).as("the original, the replay and the edited replay").hasSize(3);
        assertThat(json.get(1).header("X-Trace")).containsExactly("first");
        assertThat(new String(json.get(1).body(), StandardCharsets.UTF_8)).contains("\"name\":\"Ada\"");
        assertThat(json.get(2).header("X-Trace")).containsExactly("edited-in-the-browser");
    }

    /** The checkout's root: the nearest folder upwards that holds {@code tools/}. */
    private static Path repositoryRoot() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("tools/inspector-browser-test"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IOException("no tools/inspector-browser-test above " + Path.of("").toAbsolutePath());
    }
}
