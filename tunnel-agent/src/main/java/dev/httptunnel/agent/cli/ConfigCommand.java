package dev.httptunnel.agent.cli;

import dev.httptunnel.agent.config.AgentConfigFile;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tunnel-agent config add-token|show}: the developer's own settings, kept in an owner-only file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Stores the agent's token (and endpoint and name) once, so 'tunnel-agent --port N' needs nothing else.",
        subcommands = {ConfigCommand.AddToken.class, ConfigCommand.Show.class})
final class ConfigCommand {

    @ParentCommand
    AgentCommand agent;

    Path file() {
        return agent.configFile;
    }

    @Command(name = "add-token", mixinStandardHelpOptions = true,
            description = "Stores TOKEN (from the stack owner: tunnel-admin token create), optionally with the "
                    + "stack's endpoint and a tunnel name, in a file only you can read.")
    static final class AddToken implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "TOKEN", description = "The agent token, htun_...")
        String token;

        @Option(names = {"-e", "--endpoint"}, paramLabel = "URL",
                description = "The stack's WebSocket URL (its websocketEndpoint output).")
        URI endpoint;

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "A tunnel name granted to the token.")
        String name;

        @Override
        public Integer call() throws IOException {
            String problem = AgentToken.problem(token == null ? null : token.strip());
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "TOKEN is not an agent token: " + problem);
            }
            AgentConfigFile settings;
            try {
                settings = AgentConfigFile.read(config.file()).withToken(AgentToken.parse(token.strip()));
                settings = endpoint == null ? settings : settings.withEndpoint(endpoint);
                settings = name == null ? settings : settings.withName(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            settings.write(config.file());
            spec.commandLine().getOut().println("Stored token " + settings.token().orElseThrow().displayPrefix()
                    + " in " + config.file() + " (readable by you only). Start the agent with: tunnel-agent --port 3000");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints where the settings are kept and what they hold, the token by its prefix only.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            var out = spec.commandLine().getOut();
            Path file = config.file();
            AgentConfigFile settings = AgentConfigFile.read(file);
            out.println("Config file  " + file + (settings.equals(AgentConfigFile.EMPTY) ? " (none yet)" : ""));
            out.println("Token        " + settings.token().map(AgentToken::displayPrefix).orElse("-"));
            out.println("Endpoint     " + settings.endpoint().map(URI::toString).orElse("-"));
            out.println("Name         " + settings.name().orElse("-"));
            if (settings.token().isPresent() && SecretFile.isExposed(file)) {
                out.println("Warning: others can read " + file + "; run: chmod 600 " + file);
            }
            return 0;
        }
    }
}
