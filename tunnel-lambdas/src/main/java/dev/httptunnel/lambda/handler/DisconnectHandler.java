package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.lambda.adapter.aws.AwsWiring;
import dev.httptunnel.lambda.config.TunnelFunction;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.service.TunnelRegistry;
import java.time.Clock;

/** WebSocket {@code $disconnect} route (best effort on AWS: rows also expire on their own). */
public final class DisconnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final System.Logger LOG = System.getLogger(DisconnectHandler.class.getName());

    private final TunnelRegistry registry;

    public DisconnectHandler() {
        this(new TunnelRegistry(new AwsWiring(
                TunnelSettings.fromEnvironment(TunnelFunction.DISCONNECT, System.getenv()), Clock.systemUTC())
                .connectionStore(), Clock.systemUTC()));
        SnapStartPriming.register(() -> handleRequest(PrimingEvents.webSocketEvent("$disconnect", null), null));
    }

    public DisconnectHandler(TunnelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = WebSocketEvents.connectionId(event);
        if (connectionId == null) {
            LOG.log(System.Logger.Level.ERROR, "$disconnect event without a connection id");
            return WebSocketEvents.response(400);
        }
        try {
            registry.close(connectionId).ifPresent(c ->
                    LOG.log(System.Logger.Level.INFO, "tunnel {0} closed", c.tunnelId()));
            return WebSocketEvents.response(200);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "closing " + connectionId + " failed", e);
            return WebSocketEvents.response(500);
        }
    }
}
