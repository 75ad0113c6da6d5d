package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.lambda.adapter.aws.AwsWiring;
import dev.httptunnel.lambda.config.TunnelFunction;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.service.TunnelRegistry;
import java.time.Clock;
import java.time.Instant;

/**
 * WebSocket {@code $connect} route: gives the new connection its tunnel. Nothing can be posted to the
 * connection yet, so the agent learns its URL later, in answer to its {@code ready}.
 */
public final class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final System.Logger LOG = System.getLogger(ConnectHandler.class.getName());

    private final TunnelRegistry registry;

    public ConnectHandler() {
        this(new AwsWiring(TunnelSettings.fromEnvironment(TunnelFunction.CONNECT, System.getenv()), Clock.systemUTC())
                .connectionStore());
    }

    private ConnectHandler(ConnectionStore connections) {
        this(new TunnelRegistry(connections, Clock.systemUTC()));
        // A claim that expires as it is written: it exercises the conditional write path, blocks no tunnel
        // id, and TTL removes it (TTL skips items whose time is years in the past, so not Instant.EPOCH).
        SnapStartPriming.register(() -> connections.claimTunnel(PrimingEvents.ABSENT_TUNNEL,
                PrimingEvents.ABSENT_CONNECTION, Instant.now()));
    }

    public ConnectHandler(TunnelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = WebSocketEvents.connectionId(event);
        if (connectionId == null) {
            LOG.log(System.Logger.Level.ERROR, "$connect event without a connection id");
            return WebSocketEvents.response(400);
        }
        try {
            var connection = registry.open(connectionId);
            LOG.log(System.Logger.Level.INFO, "tunnel {0} opened", connection.tunnelId());
            return WebSocketEvents.response(200);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "opening a tunnel for " + connectionId + " failed", e);
            return WebSocketEvents.response(500);
        }
    }
}
