package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.lambda.adapter.aws.AwsWiring;
import dev.httptunnel.lambda.config.TunnelFunction;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.service.Admission;
import dev.httptunnel.lambda.service.AgentAdmission;
import dev.httptunnel.lambda.service.TunnelRegistry;
import java.time.Clock;
import java.time.Instant;

/**
 * WebSocket {@code $connect} route: admits the agent by its token and gives the connection its tunnel, or
 * refuses the upgrade with the refusal's status (API Gateway passes the status on, not a body). Nothing can
 * be posted to the connection yet, so the agent learns its URL later, in answer to its {@code ready}.
 */
public final class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final System.Logger LOG = System.getLogger(ConnectHandler.class.getName());

    private final AgentAdmission admission;

    public ConnectHandler() {
        this(new AwsWiring(TunnelSettings.fromEnvironment(TunnelFunction.CONNECT, System.getenv()), Clock.systemUTC()));
    }

    private ConnectHandler(AwsWiring wiring) {
        this(wiring, wiring.connectionStore());
    }

    private ConnectHandler(AwsWiring wiring, ConnectionStore connections) {
        this(new AgentAdmission(wiring.tokenStore(), new TunnelRegistry(connections, wiring.clock()), wiring.clock()));
        // A claim that expires as it is written: it exercises the conditional write path, blocks no tunnel
        // name, and TTL removes it (TTL skips items whose time is years in the past, so not Instant.EPOCH).
        SnapStartPriming.register(() -> connections.claimTunnel(PrimingEvents.ABSENT_TUNNEL,
                PrimingEvents.ABSENT_CONNECTION, PrimingEvents.ABSENT_TOKEN_HASH, Instant.now()));
        // A well-formed token nobody has: parsing, hashing and the token read, refused with 401.
        SnapStartPriming.register(() -> handleRequest(PrimingEvents.connectWithUnknownToken(), null));
    }

    public ConnectHandler(AgentAdmission admission) {
        this.admission = admission;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = WebSocketEvents.connectionId(event);
        if (connectionId == null) {
            LOG.log(System.Logger.Level.ERROR, "$connect event without a connection id");
            return WebSocketEvents.response(400);
        }
        try {
            Admission outcome = admission.admit(connectionId, WebSocketEvents.header(event, AgentToken.HEADER),
                    WebSocketEvents.header(event, TunnelName.REQUEST_HEADER));
            if (outcome instanceof Admission.Refused refused) {
                // No connection id at INFO: it addresses the agent on the Management API.
                LOG.log(System.Logger.Level.INFO, "connect refused with {0}: {1}", refused.refusal().status(),
                        refused.reason());
                return WebSocketEvents.response(refused.refusal().status());
            }
            Admission.Admitted admitted = (Admission.Admitted) outcome;
            LOG.log(System.Logger.Level.INFO, "tunnel {0} opened with token {1}",
                    admitted.connection().tunnelId(), admitted.token());
            return WebSocketEvents.response(200);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "opening a tunnel for " + connectionId + " failed", e);
            return WebSocketEvents.response(500);
        }
    }
}
