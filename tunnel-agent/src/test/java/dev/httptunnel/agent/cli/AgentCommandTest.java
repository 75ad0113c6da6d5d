package dev.httptunnel.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.inspect.InspectorSettings;
import dev.httptunnel.agent.relay.HostHeaderPolicy;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.ConnectRefusal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCommandTest {

    private static final String TOKEN = AgentToken.generate(new SecureRandom()).secret();

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The developer's own config file is never read: each test has its own, absent unless it writes one. */
    private AgentCommand command() {
        AgentCommand command = new AgentCommand();
        command.configFile = home.resolve("agent.properties");
        return command;
    }

    private int run(String... args) {
        CommandLine commandLine = AgentCommand.commandLine(command());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private AgentSettings parse(String... args) {
        AgentCommand command = command();
        new CommandLine(command).parseArgs(args);
        return command.settings(AgentListener.NONE);
    }

    @Test
    void options_becomeSettings() {
        AgentSettings settings = parse("--port", "3000", "--token", TOKEN, "--host", "localhost",
                "--endpoint", "wss://t.example/prod",
                "--host-header", "preserve", "--max-concurrency", "8", "--queue-size", "4", "--local-timeout", "10s",
                "--heartbeat", "30s");

        assertThat(settings.localPort()).isEqualTo(3000);
        assertThat(settings.localHost()).isEqualTo("localhost");
        assertThat(settings.endpoint()).isEqualTo(URI.create("wss://t.example/prod"));
        assertThat(settings.hostHeader()).isEqualTo(HostHeaderPolicy.PRESERVE);
        assertThat(settings.maxConcurrency()).isEqualTo(8);
        assertThat(settings.queueCapacity()).isEqualTo(4);
        assertThat(settings.localTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theInspector_isOnByDefault_on4040OrTheNextFreePort_inTheStateDirectory() {
        InspectorSettings inspector = parse("--port", "3000", "--token", TOKEN).inspector();

        assertThat(inspector.host()).isEqualTo("127.0.0.1");
        assertThat(inspector.port()).isEqualTo(4040);
        assertThat(inspector.nextPortIfTaken()).isTrue();
        assertThat(inspector.bodyCap()).isEqualTo(1 << 20);
        assertThat(inspector.directory()).isEqualTo(InspectorSettings.defaultStateDirectory(4040));
        assertThat(inspector.clearAtStart()).isFalse();
    }

    @Test
    void inspectorOptions_becomeSettings_andNoInspectTurnsItOff() {
        InspectorSettings inspector = parse("--port", "3000", "--token", TOKEN, "--inspect", "[::1]:4100",
                "--inspect-clear", "--inspect-body-limit", "64KB", "--inspect-max-requests", "20",
                "--inspect-max-bytes", "2MB").inspector();

        assertThat(inspector.host()).isEqualTo("::1");
        assertThat(inspector.port()).isEqualTo(4100);
        assertThat(inspector.nextPortIfTaken()).as("a port the user chose is theirs").isFalse();
        assertThat(inspector.bodyCap()).isEqualTo(65536);
        assertThat(inspector.maxRequests()).isEqualTo(20);
        assertThat(inspector.maxBytes()).isEqualTo(2L << 20);
        assertThat(inspector.clearAtStart()).isTrue();
        assertThat(parse("--port", "3000", "--token", TOKEN, "--no-inspect").inspector()).isNull();
        assertThat(run("--port", "3000", "--token", TOKEN, "--inspect-max-requests", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("at least 1 request");
    }

    @Test
    void tokenAndName_becomeSettings_andTheTokenPrintsAsItsPrefixOnly() {
        AgentToken token = AgentToken.generate(new SecureRandom());

        AgentSettings settings = parse("-p", "3000", "--token", token.secret(), "--name", "shop");

        assertThat(settings.token()).isEqualTo(token);
        assertThat(settings.tunnelName()).isEqualTo("shop");
        assertThat(settings.toString()).doesNotContain(token.secret()).contains(token.displayPrefix());
    }

    @Test
    void aMistypedToken_isAUsageError_thatDoesNotRepeatIt() {
        String secret = AgentToken.generate(new SecureRandom()).secret();
        String mistyped = secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a");

        assertThat(run("-p", "3000", "--token", mistyped)).isEqualTo(AgentCommand.EXIT_TOKEN);

        assertThat(err.toString()).contains("not an agent token").contains("checksum").doesNotContain(mistyped);
    }

    @Test
    void aNameThatIsNoDnsLabel_isAUsageError_statingTheRules() {
        String token = AgentToken.generate(new SecureRandom()).secret();

        assertThat(run("-p", "3000", "--token", token, "--name", "My_Shop")).isEqualTo(2);

        assertThat(err.toString()).contains("DNS label").contains("'My_Shop'");
    }

    @Test
    void withoutAToken_theAgentDoesNotStart_andSaysWhereOneGoes() {
        if (System.getenv("TUNNEL_TOKEN") != null) {
            return;
        }
        assertThat(run("-p", "3000")).isEqualTo(AgentCommand.EXIT_TOKEN);

        assertThat(err.toString()).contains("--token", "TUNNEL_TOKEN", "config add-token");
    }

    @Test
    void theConfigFile_suppliesTokenEndpointAndName_andOptionsOverrideIt() throws Exception {
        assertThat(run("config", "add-token", TOKEN, "--endpoint", "wss://stored.example/dev", "--name", "shop"))
                .isZero();
        assertThat(out.toString()).contains("Stored token " + AgentToken.parse(TOKEN).displayPrefix())
                .doesNotContain(TOKEN);
        if (System.getenv("TUNNEL_TOKEN") == null && System.getenv("TUNNEL_ENDPOINT") == null) {
            AgentSettings stored = parse("-p", "3000");
            assertThat(stored.token()).isEqualTo(AgentToken.parse(TOKEN));
            assertThat(stored.endpoint()).isEqualTo(URI.create("wss://stored.example/dev"));
            assertThat(stored.tunnelName()).isEqualTo("shop");
        }
        String other = AgentToken.generate(new SecureRandom()).secret();
        AgentSettings overridden = parse("-p", "3000", "--token", other, "--endpoint", "ws://o.example", "--name", "x");
        assertThat(overridden.token()).isEqualTo(AgentToken.parse(other));
        assertThat(overridden.endpoint()).isEqualTo(URI.create("ws://o.example"));
        assertThat(overridden.tunnelName()).isEqualTo("x");
    }

    @Test
    void configShow_namesTheFile_andTheTokenByItsPrefixOnly() {
        run("config", "add-token", TOKEN);
        out.getBuffer().setLength(0);
        assertThat(run("config", "show")).isZero();
        assertThat(out.toString()).contains(home.resolve("agent.properties").toString(),
                AgentToken.parse(TOKEN).displayPrefix()).doesNotContain(TOKEN).doesNotContain("Warning");
    }

    @Test
    void configAddToken_refusesAMalformedToken_withoutWritingIt() {
        assertThat(run("config", "add-token", "htun_not-a-token")).isEqualTo(2);
        assertThat(err.toString()).contains("not an agent token");
        assertThat(home.resolve("agent.properties")).doesNotExist();
    }

    @Test
    void refusals_haveDistinctExitCodes() {
        assertThat(java.util.Arrays.stream(ConnectRefusal.values()).map(AgentCommand::exitCode).distinct())
                .hasSize(ConnectRefusal.values().length).doesNotContain(0, 1, 2, 130);
    }

    @Test
    void onlyPort_givesTheDefaults() {
        AgentSettings settings = parse("-p", "3000", "--token", TOKEN);

        assertThat(settings.hostHeader()).isEqualTo(HostHeaderPolicy.REWRITE);
        assertThat(settings.localTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(settings.maxConcurrency()).isEqualTo(AgentSettings.DEFAULT_MAX_CONCURRENCY);
        if (System.getenv("TUNNEL_ENDPOINT") == null) {
            assertThat(settings.endpoint()).isEqualTo(URI.create("ws://localhost:8081"));
        }
    }

    @Test
    void missingPort_isAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--port=PORT'");
    }

    @Test
    void endpointThatIsNotWebSocket_isAUsageError_namingTheValue() {
        assertThat(run("--port", "3000", "--token", TOKEN, "--endpoint", "http://t.example")).isEqualTo(2);
        assertThat(err.toString()).contains("ws:// or wss://").contains("http://t.example");
    }

    @Test
    void badDuration_isAUsageError_withExamples() {
        assertThat(run("--port", "3000", "--token", TOKEN, "--local-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void aLocalTimeoutPastTheServicesDeadline_isAUsageError_statingTheRule() {
        assertThat(run("--port", "3000", "--token", TOKEN, "--local-timeout", "40s")).isEqualTo(2);
        assertThat(err.toString()).contains("under the service's 27 s deadline").contains("40 s");
        assertThat(parse("--port", "3000", "--token", TOKEN, "--local-timeout", "26500ms").localTimeout())
                .isEqualTo(Duration.ofMillis(26_500));
    }

    @Test
    void aUsageError_printsTheOneError_andPointsToHelp_notTheWholeUsage() {
        assertThat(run("--prot", "3000")).isEqualTo(2);

        assertThat(err.toString()).contains("tunnel-agent: Unknown options: '--prot'")
                .contains("Try 'tunnel-agent --help' for more information.")
                .doesNotContain("Usage:").doesNotContain("--host-header");
    }

    @Test
    void help_printsUsage_andExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--host-header").contains("TUNNEL_ENDPOINT");
    }

    @Test
    void version_printsTheAgentVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("tunnel-agent ").doesNotContain("unknown");
    }

    @Test
    void durations_acceptUnitsAndIso8601() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT25S")).isEqualTo(Duration.ofSeconds(25));
    }
}
