package dev.httptunnel.lambda.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.adapter.memory.InMemoryConnectionStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryPendingRequestStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryTokenStore;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.handler.ConnectHandler;
import dev.httptunnel.lambda.handler.DisconnectHandler;
import dev.httptunnel.lambda.handler.ForwardingHandler;
import dev.httptunnel.lambda.handler.ResponseHandler;
import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.lambda.port.TokenStore;
import dev.httptunnel.lambda.service.AgentAdmission;
import dev.httptunnel.lambda.service.AgentMessageService;
import dev.httptunnel.lambda.service.ForwardingService;
import dev.httptunnel.lambda.service.OfflineHold;
import dev.httptunnel.lambda.service.TokenAdmin;
import dev.httptunnel.lambda.service.TunnelRegistry;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.Ready;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The four handlers wired to in-memory ports, with recorded agents and the owner's token administration:
 * the whole service in one object.
 */
public final class TunnelHarness {

    public static final String DOMAIN = "tunnel.example.com";

    /** How long requests for a held name wait for a connection here: short, so the 503 cases stay quick. */
    public static final Duration OFFLINE_HOLD = Duration.ofMillis(300);

    public final Clock clock;
    public final ConnectionStore connections;
    public final PendingRequestStore pendingRequests;
    public final TokenStore tokens;
    public final TokenAdmin admin;
    public final RecordingAgents agents = new RecordingAgents();
    private final IntSupplier pendingRowCount;
    public final BodyUrlClient bodyTransfers;
    public final ConnectHandler connect;
    public final DisconnectHandler disconnect;
    public final ForwardingHandler forwarding;
    public final ResponseHandler response;

    /** The service on in-memory ports. */
    public static TunnelHarness inMemory(Duration responseDeadline) {
        Clock clock = Clock.systemUTC();
        InMemoryPendingRequestStore pending = new InMemoryPendingRequestStore(clock);
        InMemoryBodyStore bodies = new InMemoryBodyStore();
        return new TunnelHarness(responseDeadline, clock, new InMemoryConnectionStore(clock), pending, pending::size,
                new InMemoryTokenStore(), bodies, bodies);
    }

    /** The service on in-memory ports, configured without a body store (no S3 bucket). */
    public static TunnelHarness inMemoryWithoutBodyStore(Duration responseDeadline) {
        Clock clock = Clock.systemUTC();
        InMemoryPendingRequestStore pending = new InMemoryPendingRequestStore(clock);
        return new TunnelHarness(responseDeadline, clock, new InMemoryConnectionStore(clock), pending, pending::size,
                new InMemoryTokenStore(), null, null);
    }

    /**
     * @param bodies where large bodies go; null for a service without a body store
     * @param pendingRowCount how many rows the pending store holds, expired ones included: proves that
     *     refused answers create none
     */
    public TunnelHarness(Duration responseDeadline, Clock clock, ConnectionStore connections,
                         PendingRequestStore pendingRequests, IntSupplier pendingRowCount, TokenStore tokens,
                         BodyStore bodies, BodyUrlClient bodyTransfers) {
        this.bodyTransfers = bodyTransfers;
        this.clock = clock;
        this.connections = connections;
        this.pendingRequests = pendingRequests;
        this.pendingRowCount = pendingRowCount;
        this.tokens = tokens;
        TunnelSettings settings = new TunnelSettings(null, null, DOMAIN, null,
                List.of("https://{tunnel}." + DOMAIN, "https://api.example.com/{tunnel}"), responseDeadline);
        TunnelRegistry registry = new TunnelRegistry(connections, clock);
        connect = new ConnectHandler(new AgentAdmission(tokens, registry, clock));
        admin = new TokenAdmin(tokens, connections, agents, clock);
        disconnect = new DisconnectHandler(registry);
        forwarding = new ForwardingHandler(new ForwardingService(DOMAIN, responseDeadline, connections,
                pendingRequests, agents, Optional.ofNullable(bodies), new OfflineHold(tokens::holderOf, OFFLINE_HOLD),
                clock));
        response = new ResponseHandler(new AgentMessageService(connections, pendingRequests, agents,
                settings::publicUrls, clock));
        agents.deliverAnswersTo((connectionId, body) ->
                response.handleRequest(EventFixtures.webSocketMessage(connectionId, body), null));
    }

    /** The status with which API Gateway would answer the upgrade of this {@code $connect}. */
    public int connectStatus(APIGatewayV2WebSocketEvent event) {
        return connect.handleRequest(event, null).getStatusCode();
    }

    public int pendingRowCount() {
        return pendingRowCount.getAsInt();
    }

    /** A new token with a random default name and no grants. */
    public AgentToken newToken() {
        return admin.create(Optional.empty(), List.of()).token();
    }

    /**
     * Connects an agent with a token of its own the way API Gateway would ($connect, then the agent's
     * ready); returns its tunnel id, the token's default name.
     */
    public String connectAgent(String connectionId) {
        return connectAgent(connectionId, newToken(), null);
    }

    /** Connects an agent presenting {@code token} and asking for {@code name} (null: its default name). */
    public String connectAgent(String connectionId, AgentToken token, String name) {
        // As an agent from before ready's successor field says it, so that no connection replaces another.
        return connectAgent(connectionId, token, name, "{\"type\":\"ready\"}");
    }

    /** Connects an agent that says {@code ready}, encoded. */
    public String connectAgent(String connectionId, AgentToken token, String name, Ready ready) {
        return connectAgent(connectionId, token, name, MessageCodec.encode(ready));
    }

    private String connectAgent(String connectionId, AgentToken token, String name, String readyJson) {
        int status = connectStatus(EventFixtures.webSocketConnect(connectionId, token, name));
        if (status != 200) {
            throw new IllegalStateException("$connect answered " + status);
        }
        response.handleRequest(EventFixtures.webSocketMessage(connectionId, readyJson), null);
        List<ConnectionEstablished> established = agents.sentTo(connectionId, ConnectionEstablished.class);
        return established.get(established.size() - 1).tunnelId();
    }

    /** A public request to {@code https://<tunnel>.tunnel.example.com<path>}. */
    public APIGatewayV2HTTPEvent requestTo(String tunnelId, String method, String rawPath, String rawQuery) {
        APIGatewayV2HTTPEvent event = EventFixtures.httpRequest();
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery);
        event.getHeaders().put("host", tunnelId + "." + DOMAIN);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        event.getRequestContext().setDomainName(tunnelId + "." + DOMAIN);
        return event;
    }

    /** What API Gateway does when the agent's socket closes: the {@code $disconnect} route. */
    public void disconnectAgent(String connectionId) {
        disconnect.handleRequest(EventFixtures.webSocketDisconnect(connectionId), null);
        agents.markGone(connectionId);
    }

    public APIGatewayV2HTTPResponse forward(APIGatewayV2HTTPEvent event) {
        return EventFixtures.roundTrip(forwarding.handleRequest(event, null));
    }
}
