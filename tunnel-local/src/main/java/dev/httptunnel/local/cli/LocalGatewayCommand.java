package dev.httptunnel.local.cli;

import dev.httptunnel.agent.AgentVersion;
import dev.httptunnel.agent.cli.DurationConverter;
import dev.httptunnel.agent.cli.UsageErrorHandler;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.SecretFile;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.storage.GatewayStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tunnel-local}: the tunnel service (API Gateway + Lambda, emulated) on this machine until Ctrl-C. */
@Command(name = "tunnel-local", mixinStandardHelpOptions = true, versionProvider = LocalGatewayCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs the tunnel service on this machine: API Gateway's HTTP API and WebSocket API "
                + "(with its Management API) and the four unmodified Lambda handlers, with AWS's quotas.",
                "Then run: TUNNEL_TOKEN=$(cat TOKEN-FILE) java -jar tunnel-agent.jar --port 3000"},
        footer = {"", "Agents need a token, as on AWS: the gateway creates a development token at start and writes "
                + "it to --token-file.",
                "Exit codes: 0 after Ctrl-C, 2 for a usage error, 1 when a port, the DynamoDB endpoint or the token "
                + "file cannot be used."})
public final class LocalGatewayCommand implements Callable<Integer> {

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the public HTTP API (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--ws-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Port of the WebSocket API and its Management API (default: ${DEFAULT-VALUE}).")
    int webSocketPort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = GatewaySettings.DEFAULT_HOST,
            description = "Address both listeners bind to (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--domain", paramLabel = "NAME", defaultValue = GatewaySettings.DEFAULT_DOMAIN,
            description = "Domain under which each tunnel has a host name of its own, the tunnel's name "
                    + "being its first label (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--stage", paramLabel = "NAME", defaultValue = GatewaySettings.DEFAULT_STAGE,
            description = "WebSocket API stage (default: ${DEFAULT-VALUE}).")
    String stage;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "Keep connections and pending requests in a DynamoDB-compatible server at URL "
                    + "(tables are created when missing) instead of in memory.")
    URI dynamoDbEndpoint;

    @Option(names = "--token-file", paramLabel = "PATH", defaultValue = "${sys:user.home}/.http-tunnel-local-token",
            description = "Where the development token is kept, readable by its owner only; reused while the "
                    + "storage knows it (default: ${DEFAULT-VALUE}).")
    Path tokenFile;

    @Option(names = "--admin-key-file", paramLabel = "PATH",
            defaultValue = "${sys:user.home}/.http-tunnel-local-admin-key",
            description = "Where the key for tunnel-admin's token commands is written at start, readable by its "
                    + "owner only; a new key every start (default: ${DEFAULT-VALUE}).")
    Path adminKeyFile;

    @Option(names = "--no-dev-token",
            description = "Create no development token: agents need one made with the token administration.")
    boolean noDevelopmentToken;

    @Option(names = "--response-deadline", paramLabel = "DURATION", defaultValue = "27s",
            converter = DurationConverter.class,
            description = "How long the forwarding handler waits for the agent (default: ${DEFAULT-VALUE}).")
    Duration responseDeadline;

    @Option(names = "--offline-hold", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long a request for a name some token holds, but no agent serves, waits for the agent "
                    + "to come back before 503 \"tunnel offline\"; at most 20s and three quarters of the response "
                    + "deadline, 0 holds none (default: ${DEFAULT-VALUE}).")
    Duration offlineHold;

    @Option(names = "--http-integration-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "HTTP API integration timeout; past it the caller gets 503 (default: ${DEFAULT-VALUE}).")
    Duration httpIntegrationTimeout;

    @Option(names = "--ws-integration-timeout", paramLabel = "DURATION", defaultValue = "29s",
            converter = DurationConverter.class,
            description = "WebSocket route integration timeout, $connect included (default: ${DEFAULT-VALUE}).")
    Duration webSocketIntegrationTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "A WebSocket connection silent this long is closed (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--max-connection-duration", paramLabel = "DURATION", defaultValue = "2h",
            converter = DurationConverter.class,
            description = "Every WebSocket connection is closed after this long (default: ${DEFAULT-VALUE}).")
    Duration maxConnectionDuration;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES", defaultValue = "32768",
            description = "WebSocket frame quota; a larger frame closes the connection with 1009 "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES", defaultValue = "131072",
            description = "WebSocket message quota, both directions (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES", defaultValue = "10485760",
            description = "HTTP API payload quota; larger requests get 413 (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--max-lambda-payload-bytes", paramLabel = "BYTES", defaultValue = "6291456",
            description = "Lambda synchronous payload quota, event and result each (default: ${DEFAULT-VALUE}).")
    long maxLambdaPayloadBytes;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "1000",
            description = "Lambda account concurrency across the four functions (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(names = "--request-body-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "A public request's body must arrive whole within this; past it the caller gets 408 "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration requestBodyTimeout;

    @Option(names = "--throttle-rate", paramLabel = "PER_SECOND", defaultValue = "100",
            description = "Stage throttle, steady requests (HTTP API) or messages (WebSocket API) per second; "
                    + "beyond it 429 Too Many Requests (default: ${DEFAULT-VALUE}).")
    double throttleRate;

    @Option(names = "--throttle-burst", paramLabel = "N", defaultValue = "200",
            description = "Stage throttle burst (default: ${DEFAULT-VALUE}).")
    int throttleBurst;

    @Option(names = "--guard-management-api", paramLabel = "BOOLEAN", arity = "1",
            description = "Require the gateway's own key on the Management API (default: true when --host is "
                    + "not a loopback address).")
    Boolean guardManagementApi;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(commandLine().execute(args));
    }

    /** The command as {@link #main} runs it: a usage error is one line and a pointer to --help. */
    static CommandLine commandLine() {
        return UsageErrorHandler.installOn(new CommandLine(new LocalGatewayCommand()));
    }

    @Override
    public Integer call() throws InterruptedException {
        GatewaySettings settings = settings();
        PrintStream out = System.out;
        GatewayStorage storage;
        try {
            storage = dynamoDbEndpoint == null ? GatewayStorage.inMemory(Clock.systemUTC())
                    : GatewayStorage.dynamoDb(dynamoDbEndpoint, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("tunnel-local: cannot use the DynamoDB endpoint " + dynamoDbEndpoint + ": "
                    + e.getMessage());
            return 1;
        }
        LocalGateway gateway;
        try {
            gateway = LocalGateway.start(settings, storage);
        } catch (Exception e) {
            System.err.println("tunnel-local: cannot listen on " + host + " ports " + httpPort + " and "
                    + webSocketPort + ": " + e.getMessage());
            return 1;
        }
        AgentToken developmentToken = null;
        if (!noDevelopmentToken) {
            try {
                developmentToken = DevelopmentToken.ensure(gateway.tokenAdmin(), tokenFile);
            } catch (IOException | RuntimeException e) {
                gateway.close();
                System.err.println("tunnel-local: cannot keep the development token in " + tokenFile + ": "
                        + e.getMessage());
                return 1;
            }
        }
        try {
            SecretFile.write(adminKeyFile, gateway.adminKey() + "\n");
        } catch (IOException e) {
            gateway.close();
            System.err.println("tunnel-local: cannot write the admin key to " + adminKeyFile + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "tunnel-local-shutdown"));
        out.println("tunnel-local: API Gateway and Lambda, emulated");
        out.println("  HTTP API        " + gateway.httpUrl() + "   tunnels at http://<tunnel>." + domain + ":"
                + gateway.httpPort() + "/ and " + gateway.httpUrl() + "/<tunnel>/");
        out.println("  WebSocket API   " + gateway.webSocketUrl() + "   (agents: --endpoint "
                + gateway.webSocketUrl() + ")");
        out.println("  Management API  " + gateway.managementEndpoint() + "/@connections/{connectionId}");
        out.println("  storage         " + storage.description());
        if (developmentToken != null) {
            out.println("  agent token     " + developmentToken.displayPrefix() + " in " + tokenFile
                    + " (tunnel " + DevelopmentToken.defaultName(gateway.tokenAdmin(), developmentToken)
                    + "; agents: TUNNEL_TOKEN=$(cat " + tokenFile + "))");
        } else {
            out.println("  agent token     none created (--no-dev-token): agents are refused without a token");
        }
        out.println("  token admin     java -jar tunnel-admin/target/tunnel-admin.jar --gateway http://"
                + gateway.webSocketUrl().getAuthority() + " token list   (key in " + adminKeyFile + ")");
        out.println("listening; Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }

    private GatewaySettings settings() {
        try {
            GatewaySettings.Builder builder = GatewaySettings.builder();
            if (guardManagementApi != null) {
                builder.guardManagementApi(guardManagementApi);
            }
            return builder
                    .host(host)
                    .ports(httpPort, webSocketPort)
                    .domainName(domain)
                    .stage(stage)
                    .responseDeadline(responseDeadline)
                    .offlineHold(offlineHold)
                    .httpIntegrationTimeout(httpIntegrationTimeout)
                    .webSocketIntegrationTimeout(webSocketIntegrationTimeout)
                    .idleTimeout(idleTimeout)
                    .maxConnectionDuration(maxConnectionDuration)
                    .maxFrameBytes(maxFrameBytes)
                    .maxMessageBytes(maxMessageBytes)
                    .maxRequestBytes(maxRequestBytes)
                    .maxLambdaPayloadBytes(maxLambdaPayloadBytes)
                    .maxConcurrentInvocations(maxConcurrency)
                    .requestBodyTimeout(requestBodyTimeout)
                    .throttle(new GatewaySettings.Throttle(throttleRate, throttleBurst))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The project's version, the one the agent reports: both are built from the same POM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tunnel-local " + AgentVersion.current()};
        }
    }
}
