package dev.httptunnel.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.relay.HostHeaderPolicy;
import dev.httptunnel.identity.AgentToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new AgentCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private static AgentSettings parse(String... args) {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings(AgentListener.NONE);
    }

    @Test
    void options_becomeSettings() {
        AgentSettings settings = parse("--port", "3000", "--host", "localhost", "--endpoint", "wss://t.example/prod",
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

        assertThat(run("-p", "3000", "--token", mistyped)).isEqualTo(2);

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
        assertThat(run("-p", "3000")).isEqualTo(2);

        assertThat(err.toString()).contains("--token").contains("TUNNEL_TOKEN");
    }

    @Test
    void onlyPort_givesTheDefaults() {
        AgentSettings settings = parse("-p", "3000");

        assertThat(settings.hostHeader()).isEqualTo(HostHeaderPolicy.REWRITE);
        assertThat(settings.localTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(settings.maxConcurrency()).isEqualTo(32);
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
        assertThat(run("--port", "3000", "--endpoint", "http://t.example")).isEqualTo(2);
        assertThat(err.toString()).contains("ws:// or wss://").contains("http://t.example");
    }

    @Test
    void badDuration_isAUsageError_withExamples() {
        assertThat(run("--port", "3000", "--local-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
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
