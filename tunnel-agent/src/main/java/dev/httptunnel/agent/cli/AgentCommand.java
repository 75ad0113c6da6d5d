package dev.httptunnel.agent.cli;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentRefusal;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.AgentVersion;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.agent.config.AgentConfigFile;
import dev.httptunnel.agent.console.ConsolePrinter;
import dev.httptunnel.agent.inspect.InspectorSettings;
import dev.httptunnel.agent.relay.AsyncCompletions;
import dev.httptunnel.agent.relay.HostHeaderPolicy;
import dev.httptunnel.agent.relay.ClientProperties;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.ConnectRefusal;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tunnel-agent --port 3000}: exposes a local HTTP service through the tunnel until Ctrl-C. */
@Command(name = "tunnel-agent", mixinStandardHelpOptions = true, versionProvider = AgentCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Exposes a local HTTP service through an http-tunnel service and prints its public URL.",
        subcommands = ConfigCommand.class,
        footer = {"", "Settings: options first, then TUNNEL_TOKEN / TUNNEL_ENDPOINT, then the file 'tunnel-agent config' "
                + "writes (tunnel-agent config show prints where).",
                "Exit codes: 130 after Ctrl-C (as for any interrupted program), 2 for a usage error, 1 when the agent "
                        + "cannot start, " + AgentCommand.EXIT_TOKEN + " for a missing, malformed or unknown token, "
                        + AgentCommand.EXIT_REVOKED + " for a revoked token or a stage that does not exist (403), "
                        + AgentCommand.EXIT_NAME + " for a tunnel name the token may not serve, "
                        + AgentCommand.EXIT_ENDPOINT + " for an endpoint with no WebSocket API at its path (404), "
                        + AgentCommand.EXIT_REPLACED + " when another agent with the same token and name took over.",
                "The agent never gives up on an unreachable endpoint: it retries with backoff until Ctrl-C. It stops "
                        + "at once when the upgrade is refused with 401, 403, 404 or 409: retrying would not help."})
public final class AgentCommand implements Callable<Integer> {

    static final int EXIT_TOKEN = 3;
    static final int EXIT_REVOKED = 4;
    static final int EXIT_NAME = 5;
    static final int EXIT_ENDPOINT = 6;
    static final int EXIT_REPLACED = 7;
    static final String DEFAULT_ENDPOINT = "ws://localhost:8081";

    // Not required by picocli, so that 'tunnel-agent config ...' needs no port; call() insists on it.
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port of the local service to expose.")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = AgentSettings.DEFAULT_LOCAL_HOST,
            description = "Host of the local service (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-e", "--endpoint"}, paramLabel = "URL",
            defaultValue = "${env:TUNNEL_ENDPOINT}",
            description = "WebSocket URL of the tunnel service; env TUNNEL_ENDPOINT, then the config file "
                    + "(default: " + DEFAULT_ENDPOINT + ", the local gateway).")
    URI endpoint;

    @Option(names = "--host-header", paramLabel = "preserve|rewrite|VALUE", defaultValue = "rewrite",
            converter = HostHeaderConverter.class,
            description = {"Host header the local service sees: 'rewrite' sends HOST:PORT (dev servers with host "
                    + "checks accept it), 'preserve' sends the public host name, anything else is sent as is "
                    + "(default: ${DEFAULT-VALUE})."})
    HostHeaderPolicy hostHeader;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "" + AgentSettings.DEFAULT_MAX_CONCURRENCY,
            description = "Requests relayed at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(names = "--queue-size", paramLabel = "N", defaultValue = "" + AgentSettings.DEFAULT_QUEUE_CAPACITY,
            description = "Requests that may wait for a free slot; beyond them callers get agent_busy "
                    + "(default: ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--local-timeout", paramLabel = "DURATION", defaultValue = "25s",
            converter = DurationConverter.class,
            description = "How long the local service may take, under the service's "
                    + ProtocolLimits.RESPONSE_DEADLINE_SECONDS + " s deadline (default: ${DEFAULT-VALUE}).")
    Duration localTimeout;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Interval between pings; silence for twice this plus 5 s counts as a dead connection "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(names = {"-t", "--token"}, paramLabel = "TOKEN", defaultValue = "${env:TUNNEL_TOKEN}",
            description = "Agent token from the stack owner (htun_...); env TUNNEL_TOKEN, which keeps it out of "
                    + "the process list. Sent in the upgrade's Authorization header, never in the URL.")
    String token;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME",
            description = "Tunnel name to serve, one granted to the token; then the config file's "
                    + "(default: the token's own name).")
    String name;

    @Option(names = "--inspect", paramLabel = "ADDR", converter = InspectAddress.Converter.class,
            description = "Where the request inspector's page and API listen (default: 127.0.0.1:4040, or the "
                    + "next free port up to 4049).")
    InspectAddress inspect;

    @Option(names = "--no-inspect", description = "Run without the request inspector: nothing is captured.")
    boolean noInspect;

    @Option(names = "--inspect-clear", description = "Drop the requests the inspector kept from earlier runs.")
    boolean inspectClear;

    @Option(names = "--inspect-body-limit", paramLabel = "SIZE", converter = SizeConverter.class,
            defaultValue = "1MB", description = "Bytes the inspector keeps of each body; the rest is marked cut "
                    + "(default: ${DEFAULT-VALUE}).")
    long inspectBodyLimit;

    @Option(names = "--inspect-max-requests", paramLabel = "N",
            defaultValue = "" + InspectorSettings.DEFAULT_MAX_REQUESTS,
            description = "Requests the inspector keeps, oldest dropped first (default: ${DEFAULT-VALUE}).")
    int inspectMaxRequests;

    @Option(names = "--inspect-max-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            defaultValue = "100MB", description = "Bytes the inspector keeps in all, on disk too, oldest dropped "
                    + "first (default: ${DEFAULT-VALUE}).")
    long inspectMaxBytes;

    /** Where the inspector keeps its captures; tests point it elsewhere. Null: the user's state directory. */
    Path inspectDirectory;

    /** Where the developer's own settings are read from; tests point it elsewhere. */
    Path configFile = AgentConfigFile.defaultLocation();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        AsyncCompletions.onThePoolEvenWithFewCores();
        ClientProperties.setBeforeFirstUse();
        quietLogging();
        System.exit(commandLine(new AgentCommand()).execute(args));
    }

    /** The command as {@link #main} runs it: a usage error is one line and a pointer to --help. */
    static CommandLine commandLine(AgentCommand command) {
        return UsageErrorHandler.installOn(new CommandLine(command));
    }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        if (port == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--port=PORT'");
        }
        AgentSettings settings;
        try {
            settings = settings(new ConsolePrinter(System.out,
                    "http://" + HostHeaderPolicy.authority(host, port), describe(hostHeader), Clock.systemDefaultZone()));
        } catch (NoTokenException e) {
            spec.commandLine().getErr().println("tunnel-agent: " + e.getMessage());
            return EXIT_TOKEN;
        }
        System.out.println("Token        " + settings.token().displayPrefix()
                + (settings.tunnelName() == null ? " (its own name)" : ", name " + settings.tunnelName()));
        warnIfNothingListens(settings.localHost(), settings.localPort());
        TunnelAgent agent;
        try {
            agent = TunnelAgent.start(settings);
        } catch (IllegalStateException e) {
            System.err.println("tunnel-agent: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "tunnel-shutdown"));
        // Runs until Ctrl-C ends the JVM, unless the service refuses the token or the name, or another agent
        // takes the name over.
        CompletableFuture.anyOf(agent.refusal(), agent.replacement()).get();
        agent.close();
        if (agent.replacement().isDone()) {
            return EXIT_REPLACED; // the console's Replaced: line said why
        }
        AgentRefusal refusal = agent.refusal().get();
        spec.commandLine().getErr().println("tunnel-agent: " + refusal.message());
        return exitCode(refusal.reason());
    }

    /** Said once at start, so a wrong --port is seen before the first caller's 502; the agent runs on. */
    private void warnIfNothingListens(String localHost, int localPort) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(localHost, localPort), 500);
        } catch (IOException nothing) {
            spec.commandLine().getErr().println("tunnel-agent: nothing listens on " + HostHeaderPolicy.authority(
                    localHost, localPort) + " yet; callers get 502 local_service_unavailable until something does.");
        }
    }

    static int exitCode(ConnectRefusal reason) {
        return switch (reason) {
            case UNKNOWN_TOKEN -> EXIT_TOKEN;
            case REVOKED_TOKEN -> EXIT_REVOKED;
            case NAME_REFUSED -> EXIT_NAME;
            case NO_WEBSOCKET_API -> EXIT_ENDPOINT;
        };
    }

    /**
     * The settings these options describe, completed from the config file; a rule they break is reported as
     * a usage error (exit 2), a missing or malformed token as {@link NoTokenException}.
     */
    AgentSettings settings(AgentListener listener) {
        AgentConfigFile config;
        try {
            config = AgentConfigFile.read(configFile);
        } catch (IllegalArgumentException e) {
            throw new NoTokenException(e.getMessage() + " (rewrite it with: tunnel-agent config add-token TOKEN)");
        }
        AgentToken agentToken = parseToken().or(config::token).orElseThrow(() -> new NoTokenException(
                "no agent token: pass --token TOKEN, set TUNNEL_TOKEN, or store one with 'tunnel-agent config "
                        + "add-token TOKEN' (the stack owner creates tokens with tunnel-admin)"));
        try {
            return AgentSettings.builder(port)
                    .localHost(host)
                    .endpoint(Optional.ofNullable(endpoint).or(config::endpoint).orElse(URI.create(DEFAULT_ENDPOINT)))
                    .hostHeader(hostHeader)
                    .maxConcurrency(maxConcurrency)
                    .queueCapacity(queueSize)
                    .localTimeout(localTimeout)
                    .heartbeatInterval(heartbeat)
                    .listener(listener)
                    .token(agentToken)
                    .tunnelName(Optional.ofNullable(name).or(config::name).orElse(null))
                    .inspector(inspectorSettings())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The inspector these options ask for; null for --no-inspect. */
    InspectorSettings inspectorSettings() {
        if (noInspect) {
            return null;
        }
        if (inspectBodyLimit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--inspect-body-limit must be under 2 GB: " + inspectBodyLimit);
        }
        InspectAddress address = inspect == null
                ? new InspectAddress(InspectorSettings.DEFAULT_HOST, InspectorSettings.DEFAULT_PORT) : inspect;
        // A taken default port moves on, as ngrok's does; a port the user chose is theirs to fix.
        return new InspectorSettings(address.host(), address.port(), inspect == null, (int) inspectBodyLimit,
                inspectMaxRequests, inspectMaxBytes, inspectDirectory != null ? inspectDirectory
                : InspectorSettings.defaultStateDirectory(address.port()), inspectClear);
    }

    /** Checked here, so a mistyped token is reported at once instead of refused by the service. */
    private Optional<AgentToken> parseToken() {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String problem = AgentToken.problem(token.strip());
        if (problem != null) {
            throw new NoTokenException("--token (or TUNNEL_TOKEN) is not an agent token: " + problem);
        }
        return Optional.of(AgentToken.parse(token.strip()));
    }

    /** No usable token: the agent cannot even ask. Exits with {@link #EXIT_TOKEN}, like a token the service refuses. */
    static final class NoTokenException extends RuntimeException {
        NoTokenException(String message) {
            super(message);
        }
    }

    private String describe(HostHeaderPolicy policy) {
        if (HostHeaderPolicy.REWRITE.equals(policy)) {
            return "rewrite (the local service sees Host: " + HostHeaderPolicy.authority(host, port) + ")";
        }
        if (HostHeaderPolicy.PRESERVE.equals(policy)) {
            return "preserve (the local service sees the public host name)";
        }
        return policy + " (fixed)";
    }

    private static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tunnel-agent " + AgentVersion.current()};
        }
    }
}
