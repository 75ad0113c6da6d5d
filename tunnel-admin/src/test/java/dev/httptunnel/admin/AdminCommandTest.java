package dev.httptunnel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdminCommandTest {

    @Test
    void stackOutputsWithoutWhatTheCommandNeeds_areRefused_namingTheMissingOutputs() {
        assertThatThrownBy(() -> StackOutputs.parse("{\"httpEndpoint\": \"https://x\"}"))
                .hasMessageContaining("tokensTableName").hasMessageContaining("managementEndpoint")
                .hasMessageContaining("make deploy-infra");
        assertThatThrownBy(() -> StackOutputs.parse("Error: no stack named 'dev' found"))
                .hasMessageContaining("pulumi stack output --json");
    }

    @Test
    void withoutAStack_theTargetIsTheLocalGateway_andWithOutputsTheStack(@TempDir Path dir) throws Exception {
        AdminCommand local = parse("token", "list");
        assertThat(local.target()).isInstanceOf(GatewayTarget.class);
        assertThat(local.target().describe()).contains("http://127.0.0.1:8081");

        Path outputs = dir.resolve("outputs.json");
        Files.writeString(outputs, """
                {"tokensTableName": "http-tunnel-tokens-dev", "connectionsTableName": "http-tunnel-connections-dev",
                 "managementEndpoint": "https://abc.execute-api.us-east-1.amazonaws.com/dev"}""");
        AdminCommand stack = parse("--outputs", outputs.toString(), "token", "list");
        assertThat(stack.target().describe()).contains("http-tunnel-tokens-dev", "us-east-1");
    }

    @Test
    void theTargetsOptionsComeBeforeTheCommand_andItsOwnAreLeftToIt() {
        AdminCommand parsed = parse("--gateway", "http://127.0.0.1:9999", "token", "create", "--name", "shop");
        assertThat(parsed.command).containsExactly("token", "create", "--name", "shop");
        assertThat(parsed.gateway.toString()).isEqualTo("http://127.0.0.1:9999");
    }

    @Test
    void aGatewayThatIsNotRunning_isAClearRefusal(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "k");
        var err = new ByteArrayOutputStream();
        int status = new GatewayTarget(java.net.URI.create("http://127.0.0.1:1"), key).run(java.util.List.of("list"),
                new java.io.PrintWriter(System.out), new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        assertThat(status).isEqualTo(TokenCommands.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the local gateway");
        int missing = new GatewayTarget(java.net.URI.create("http://127.0.0.1:1"), dir.resolve("absent"))
                .run(java.util.List.of("list"), new java.io.PrintWriter(System.out), new java.io.PrintWriter(System.err));
        assertThat(missing).isEqualTo(TokenCommands.REFUSED);
    }

    @Test
    void anUnknownCommand_isAUsageError() {
        assertThat(new CommandLine(new AdminCommand()).setStopAtPositional(true).execute("tokens", "list"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
    }

    private static AdminCommand parse(String... args) {
        AdminCommand command = new AdminCommand();
        new CommandLine(command).setStopAtPositional(true).parseArgs(args);
        return command;
    }
}
