package dev.httptunnel.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tunnel-admin [target] token ...}: the stack owner's command for agent tokens. The target is a
 * deployed stack ({@code --stack} or {@code --outputs}) or, by default, the local gateway.
 */
@Command(name = "tunnel-admin", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Manages the agent tokens of an http-tunnel stack.",
                "Commands: token create [--name NAME] [--grant NAME|PREFIX-*]... | token list | token revoke TOKEN"
                        + " | token grant TOKEN NAME|PREFIX-* | token ungrant TOKEN NAME|PREFIX-*",
                "'tunnel-admin token <command> --help' explains each."},
        footer = {"", "A deployed stack is reached with the default AWS credential chain; the IAM policy needed is "
                + "the stack output tokenAdminPolicy.",
                "Exit codes: 0 done, 1 refused (a name held by another token, an unknown token, an unreachable "
                        + "target), 2 usage error."})
public final class AdminCommand implements Callable<Integer> {

    static final class DeployedStack {
        @Option(names = "--stack", paramLabel = "NAME",
                description = "A deployed Pulumi stack: its outputs are read with 'pulumi stack output --json'.")
        String stack;

        @Option(names = "--outputs", paramLabel = "FILE",
                description = "The stack's outputs saved with 'pulumi stack output --json > FILE' (no Pulumi CLI).")
        Path outputs;
    }

    @ArgGroup(exclusive = true)
    DeployedStack deployed;

    @Option(names = "--pulumi-dir", paramLabel = "DIR", defaultValue = "tunnel-infra",
            description = "The Pulumi project, for --stack (default: ${DEFAULT-VALUE}).")
    Path pulumiDirectory;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The stack's AWS region (default: the one in its managementEndpoint output).")
    String region;

    @Option(names = "--gateway", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
            description = "The local gateway's WebSocket port, when no stack is given (default: ${DEFAULT-VALUE}).")
    URI gateway;

    @Option(names = "--gateway-key-file", paramLabel = "FILE",
            defaultValue = "${sys:user.home}/.http-tunnel-local-admin-key",
            description = "The admin key the local gateway writes at start (default: ${DEFAULT-VALUE}).")
    Path gatewayKeyFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "token COMMAND", description = "The token command and its arguments.")
    List<String> command = new ArrayList<>();

    public static void main(String[] args) {
        CommandLine line = new CommandLine(new AdminCommand()).setStopAtPositional(true);
        System.exit(line.execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!command.get(0).equals("token")) {
            err.println("tunnel-admin: unknown command '" + command.get(0) + "'; the commands are 'token ...' "
                    + "(tunnel-admin --help)");
            return CommandLine.ExitCode.USAGE;
        }
        return target().run(command.subList(1, command.size()), out, err);
    }

    AdminTarget target() throws IOException, InterruptedException {
        if (deployed == null) {
            return new GatewayTarget(gateway, gatewayKeyFile);
        }
        String outputs = deployed.outputs != null ? Files.readString(deployed.outputs) : pulumiOutputs(deployed.stack);
        return StackTarget.of(StackOutputs.parse(outputs), Optional.ofNullable(region));
    }

    private String pulumiOutputs(String stack) throws IOException, InterruptedException {
        Process pulumi = new ProcessBuilder("pulumi", "stack", "output", "--json", "--stack", stack)
                .directory(pulumiDirectory.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json = new String(pulumi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!pulumi.waitFor(60, TimeUnit.SECONDS) || pulumi.exitValue() != 0) {
            throw new IllegalArgumentException("'pulumi stack output --json --stack " + stack + "' in "
                    + pulumiDirectory + " failed; run it yourself, or save its output and give --outputs");
        }
        return json;
    }
}
