package dev.httptunnel.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.lambda.adapter.apigateway.ManagementApiChannel;
import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.service.TokenAdmin;
import dev.httptunnel.local.admin.TokenAdminHandler;
import dev.httptunnel.local.http.HttpApiHandler;
import dev.httptunnel.local.lambda.AccountConcurrency;
import dev.httptunnel.local.lambda.LambdaFunction;
import dev.httptunnel.local.storage.BodyBucketHandler;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.storage.LocalBodyStore;
import dev.httptunnel.local.websocket.ManagementApiHandler;
import dev.httptunnel.local.websocket.OpenConnections;
import dev.httptunnel.local.websocket.WebSocketApiServer;
import dev.httptunnel.protocol.ProtocolLimits;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * API Gateway and Lambda on one machine: the public HTTP API and the WebSocket API (with its Management
 * API) on two listeners, the four functions behind them. The handlers reach agents through the real
 * {@code ApiGatewayManagementApiClient} pointed at this gateway, so no handler code knows it runs locally.
 */
public final class LocalGateway implements AutoCloseable {

    /** HTTP API quota: request line plus headers. */
    static final int MAX_REQUEST_HEADER_BYTES = 10_240;
    private static final int MAX_THREADS = 512;
    private static final String API_ID = "local";

    static {
        // The Management API client (URL connection) keeps only 5 idle connections per host by default;
        // under concurrent requests the rest would be reopened for every POST.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    private final GatewaySettings settings;
    private final GatewayStorage storage;
    private final Server httpServer;
    private final Server webSocketServer;
    private final WebSocketApiServer webSocketApi;
    private final ApiGatewayManagementApiClient managementApi;
    private final List<LambdaFunction<?, ?>> functions;
    private final LocalBodyStore bodies;
    private final GatewayMeters meters;
    private final int httpPort;
    private final int webSocketPort;
    private final String adminKey = drawKey();

    private LocalGateway(GatewaySettings settings, GatewayStorage storage, TunnelHandlers handlers) throws Exception {
        this.settings = settings;
        this.storage = storage;
        this.httpServer = new Server(threads("http-api"));
        this.webSocketServer = new Server(threads("websocket-api"));
        ServerConnector httpConnector = connector(httpServer, settings.httpPort());
        ServerConnector webSocketConnector = connector(webSocketServer, settings.webSocketPort());
        // Bound before the handlers exist, so they can be told the real ports.
        httpConnector.open();
        webSocketConnector.open();
        this.httpPort = httpConnector.getLocalPort();
        this.webSocketPort = webSocketConnector.getLocalPort();

        String managementKey = drawKey();
        this.managementApi = ApiGatewayManagementApiClient.builder()
                // Every forwarding instance shares this client here, where on AWS each has its own.
                .httpClient(AwsClients.httpClientBuilder()
                        .socketTimeout(settings.webSocketIntegrationTimeout().plusSeconds(5))
                        .maxConnections(settings.maxConcurrentInvocations())
                        .build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .region(Region.US_EAST_1)
                .endpointOverride(managementEndpoint())
                .overrideConfiguration(c -> c.putHeader(ManagementApiHandler.KEY_HEADER, managementKey))
                .build();
        // Presigned URLs outlive the wait for the agent, as the stack's do.
        this.bodies = new LocalBodyStore("http://" + loopbackOr(settings.host()) + ":" + webSocketPort
                + BodyBucketHandler.PATH, settings.responseDeadline().plusMinutes(1), Clock.systemUTC());
        TunnelWiring wiring = new TunnelWiring(storage.connections(), storage.pendingRequests(), storage.tokens(),
                bodies, () -> new ManagementApiChannel(managementApi), publicUrlTemplates(), settings.domainName(),
                settings.responseDeadline(), settings.offlineHold(), settings.maxConnectionDuration(),
                Clock.systemUTC());

        AccountConcurrency concurrency = new AccountConcurrency(settings.maxConcurrentInvocations());
        long payload = settings.maxLambdaPayloadBytes();
        var connect = new LambdaFunction<>("connect", APIGatewayV2WebSocketEvent.class,
                APIGatewayV2WebSocketResponse.class, () -> handlers.connect().apply(wiring), concurrency, payload);
        var disconnect = new LambdaFunction<>("disconnect", APIGatewayV2WebSocketEvent.class,
                APIGatewayV2WebSocketResponse.class, () -> handlers.disconnect().apply(wiring), concurrency, payload);
        var response = new LambdaFunction<>("response", APIGatewayV2WebSocketEvent.class,
                APIGatewayV2WebSocketResponse.class, () -> handlers.response().apply(wiring), concurrency, payload);
        var forwarding = new LambdaFunction<>("forwarding", APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class, () -> handlers.forwarding().apply(wiring), concurrency, payload);
        this.functions = List.of(connect, disconnect, response, forwarding);

        this.webSocketApi = new WebSocketApiServer(settings, API_ID, connect, response, disconnect);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(webSocketServer, webSocketApi::configure);
        upgrades.setHandler(new Handler.Sequence(new BodyBucketHandler(bodies, settings.maxRequestBytes()),
                new TokenAdminHandler(tokenAdmin(), adminKey),
                new ManagementApiHandler(webSocketApi.connections(), settings, managementKey)));
        webSocketServer.setHandler(upgrades);
        httpServer.setHandler(new HttpApiHandler(forwarding, settings, API_ID));
        this.meters = new GatewayMeters(webSocketApi.traffic(), bodies.requests(), functions);
    }

    /** Starts both listeners; {@link #close()} stops them. */
    public static LocalGateway start(GatewaySettings settings, GatewayStorage storage) throws Exception {
        return start(settings, storage, TunnelHandlers.tunnel());
    }

    public static LocalGateway start(GatewaySettings settings, GatewayStorage storage, TunnelHandlers handlers)
            throws Exception {
        LocalGateway gateway = new LocalGateway(settings, storage, handlers);
        try {
            gateway.webSocketServer.start();
            gateway.httpServer.start();
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    public int httpPort() {
        return httpPort;
    }

    public int webSocketPort() {
        return webSocketPort;
    }

    /** {@code http://localhost:8080}: tunnels answer under it by path or subdomain. */
    public URI httpUrl() {
        return URI.create("http://" + settings.domainName() + ":" + httpPort);
    }

    /** Where agents connect: {@code ws://localhost:8081/{stage}}. */
    public URI webSocketUrl() {
        return URI.create("ws://" + settings.domainName() + ":" + webSocketPort + "/" + settings.stage());
    }

    /** What {@code WEBSOCKET_API_ENDPOINT} would be on AWS: {@code http://127.0.0.1:8081/{stage}}. */
    public URI managementEndpoint() {
        return URI.create("http://" + loopbackOr(settings.host()) + ":" + webSocketPort + "/" + settings.stage());
    }

    /**
     * The public URL templates announced to agents, {@code {tunnel}} standing for the tunnel id. The path form
     * ends with a slash, so that the page's relative links resolve inside the tunnel.
     */
    public List<String> publicUrlTemplates() {
        String authority = settings.domainName() + ":" + httpPort;
        return List.of("http://" + TunnelSettings.TUNNEL_PLACEHOLDER + "." + authority,
                "http://" + authority + "/" + TunnelSettings.TUNNEL_PLACEHOLDER + "/");
    }

    public GatewaySettings settings() {
        return settings;
    }

    public GatewayStorage storage() {
        return storage;
    }

    /**
     * The owner's token operations on this gateway's storage; revoking closes connections through this
     * gateway's Management API, as the admin command does through API Gateway's.
     */
    public TokenAdmin tokenAdmin() {
        return new TokenAdmin(storage.tokens(), storage.connections(), new ManagementApiChannel(managementApi),
                Clock.systemUTC());
    }

    /**
     * The key {@code tunnel-admin} presents to run token commands here ({@link TokenAdminHandler}); drawn at
     * start, so a key from an earlier run opens nothing.
     */
    public String adminKey() {
        return adminKey;
    }

    /** WebSocket connections open now. */
    public OpenConnections connections() {
        return webSocketApi.connections();
    }

    /** The body bucket (S3 on AWS) for bodies that do not fit one WebSocket message. */
    public LocalBodyStore bodies() {
        return bodies;
    }

    /** What the gateway has counted so far: WebSocket messages, body-bucket requests, invocations. */
    public GatewayMeters meters() {
        return meters;
    }

    @Override
    public void close() {
        stop(httpServer);
        stop(webSocketServer);
        webSocketApi.close();
        functions.forEach(LambdaFunction::close);
        managementApi.close();
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(LocalGateway.class.getName()).log(System.Logger.Level.WARNING,
                    "stopping a listener failed", e);
        }
    }

    private ServerConnector connector(Server server, int port) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        // Results over the header quota are refused before Jetty sees them; this leaves room for the
        // gateway's own headers on top.
        config.setResponseHeaderSize(2 * ProtocolLimits.MAX_HEADER_BLOCK_BYTES);
        // API Gateway passes any path through in rawPath, encoded separators and dot segments included.
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(settings.host());
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    private static QueuedThreadPool threads(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS);
        pool.setName(name);
        pool.setDaemon(true);
        return pool;
    }

    /** The secret this gateway's own Management API client presents; never stored or printed. */
    private static String drawKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String loopbackOr(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
}
