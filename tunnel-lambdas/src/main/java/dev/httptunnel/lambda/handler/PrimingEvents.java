package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Map;

/** Harmless events for the priming pass: they touch every code path's classes and clients, change nothing. */
final class PrimingEvents {

    /** Names a tunnel id that is never issued (ids are random), so the lookup finds nothing: a 404. */
    static final String ABSENT_TUNNEL = "primingprime";
    static final String ABSENT_CONNECTION = "priming-connection=";

    private PrimingEvents() {
    }

    static APIGatewayV2HTTPEvent httpRequestForAbsentTunnel() {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/" + ABSENT_TUNNEL + "/")
                .withRawQueryString("")
                .withHeaders(Map.of("host", "priming.invalid", "accept", "text/html"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withDomainName("priming.invalid")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath("/").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
    }

    /** A message from a connection that does not exist. */
    static APIGatewayV2WebSocketEvent webSocketEvent(String routeKey, String body) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setConnectionId(ABSENT_CONNECTION);
        context.setRouteKey(routeKey);
        event.setRequestContext(context);
        event.setBody(body);
        return event;
    }
}
