package dev.httptunnel.agent.cli;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.AgentVersion;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.agent.console.ConsolePrinter;
import dev.httptunnel.agent.relay.HostHeaderPolicy;
import dev.httptunnel.agent.relay.AsyncCompletions;
import dev.httptunnel.agent.relay.RestrictedHeaders;
import dev.httptunnel.identity.AgentToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tunnel-agent --port 3000}: exposes a local HTTP service through the tunnel until Ctrl-C. */
@Command(name = "tunnel-agent", mixinStandardHelpOptions = true, versionProvider = AgentCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Exposes a local HTTP service through an http-tunnel service and prints its public URL.",
        footer = {"", "Exit codes: 130 after Ctrl-C (as for any interrupted program), 2 for a usage error, 1 when the agent cannot start.",
                "The agent never gives up on an unreachable endpoint: it retries with backoff until Ctrl-C."})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
            description = "Port of the local service to expose.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = AgentSettings.DEFAULT_LOCAL_HOST,
            description = "Host of the local service (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-e", "--endpoint"}, paramLabel = "URL",
            defaultValue = "${env:TUNNEL_ENDPOINT:-ws://localhost:8081}",
            description = "WebSocket URL of the tunnel service; env TUNNEL_ENDPOINT (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--host-header", paramLabel = "preserve|rewrite|VALUE", defaultValue = "rewrite",
            converter = HostHeaderConverter.class,
            description = {"Host header the local service sees: 'rewrite' sends HOST:PORT (dev servers with host "
                    + "checks accept it), 'preserve' sends the public host name, anything else is sent as is "
                    + "(default: ${DEFAULT-VALUE})."})
    HostHeaderPolicy hostHeader;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "32",
            description = "Requests relayed at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(names = "--queue-size", paramLabel = "N", defaultValue = "64",
            description = "Requests that may wait for a free slot; beyond them callers get agent_busy "
                    + "(default: ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--local-timeout", paramLabel = "DURATION", defaultValue = "25s",
            converter = DurationConverter.class,
            description = "How long the local service may take, under the service's 27 s deadline "
                    + "(default: ${DEFAULT-VALUE}).")
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
            description = "Tunnel name to serve, one granted to the token (default: the token's own name).")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        AsyncCompletions.onThePoolEvenWithFewCores();
        RestrictedHeaders.allowHostHeader();
        quietLogging();
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentSettings settings = settings(new ConsolePrinter(System.out,
                "http://" + HostHeaderPolicy.authority(host, port), describe(hostHeader), Clock.systemDefaultZone()));
        if (settings.token() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no agent token: pass --token TOKEN or set TUNNEL_TOKEN (the stack owner creates tokens)");
        }
        System.out.println("Token        " + settings.token().displayPrefix()
                + (settings.tunnelName() == null ? " (its own name)" : ", name " + settings.tunnelName()));
        TunnelAgent agent;
        try {
            agent = TunnelAgent.start(settings);
        } catch (IllegalStateException e) {
            System.err.println("tunnel-agent: " + e.getMessage());
            return 1;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "tunnel-shutdown"));
        forever.await();
        return 0;
    }

    /** The settings these options describe; a rule they break is reported as a usage error (exit 2). */
    AgentSettings settings(AgentListener listener) {
        try {
            return AgentSettings.builder(port)
                    .localHost(host)
                    .endpoint(endpoint)
                    .hostHeader(hostHeader)
                    .maxConcurrency(maxConcurrency)
                    .queueCapacity(queueSize)
                    .localTimeout(localTimeout)
                    .heartbeatInterval(heartbeat)
                    .listener(listener)
                    .token(parseToken())
                    .tunnelName(name)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Checked here, so a mistyped token is reported at once instead of refused by the service. */
    private AgentToken parseToken() {
        if (token == null || token.isBlank()) {
            return null;
        }
        String problem = AgentToken.problem(token.strip());
        if (problem != null) {
            throw new IllegalArgumentException("--token (or TUNNEL_TOKEN) is not an agent token: " + problem);
        }
        return AgentToken.parse(token.strip());
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
