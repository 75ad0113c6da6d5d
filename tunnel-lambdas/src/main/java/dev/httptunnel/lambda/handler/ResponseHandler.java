package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.lambda.adapter.aws.AwsWiring;
import dev.httptunnel.lambda.config.TunnelFunction;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.service.AgentMessageService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/** WebSocket {@code $default} route: everything an agent sends after connecting. */
public final class ResponseHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final System.Logger LOG = System.getLogger(ResponseHandler.class.getName());

    private final AgentMessageService service;

    public ResponseHandler() {
        this(service(new AwsWiring(
                TunnelSettings.fromEnvironment(TunnelFunction.RESPONSE, System.getenv()), Clock.systemUTC())));
        SnapStartPriming.register(() -> {
            handleRequest(PrimingEvents.webSocketEvent("$default", "{\"type\":\"ping\"}"), null);
            handleRequest(PrimingEvents.webSocketEvent("$default", "{\"type\":\"ready\"}"), null);
        });
    }

    public ResponseHandler(AgentMessageService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = WebSocketEvents.connectionId(event);
        if (connectionId == null) {
            LOG.log(System.Logger.Level.ERROR, "$default event without a connection id");
            return WebSocketEvents.response(400);
        }
        try {
            service.handle(connectionId, body(event));
            return WebSocketEvents.response(200);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "handling a message of " + connectionId + " failed", e);
            return WebSocketEvents.response(500);
        }
    }

    private static String body(APIGatewayV2WebSocketEvent event) {
        String body = event.getBody();
        if (body != null && event.isIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static AgentMessageService service(AwsWiring aws) {
        return new AgentMessageService(aws.connectionStore(), aws.pendingRequestStore(), aws.agentChannel(),
                aws.settings()::publicUrls, aws.clock());
    }
}
