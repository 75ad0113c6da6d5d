package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.httptunnel.identity.AgentToken;
import java.security.SecureRandom;
import java.util.Map;

/** Harmless events for the priming pass: they touch every code path's classes and clients, change nothing. */
final class PrimingEvents {

    /** Names a tunnel no agent serves (its claim expires as it is written), so the lookup finds nothing: a 404. */
    static final String ABSENT_TUNNEL = "primingprime";
    static final String ABSENT_CONNECTION = "priming-connection=";
    /** No token hashes to this: it is not the hex of a SHA-256. */
    static final String ABSENT_TOKEN_HASH = "priming";
    /** Well formed, so it is looked up; freshly drawn, so it is nobody's token. */
    private static final String UNKNOWN_TOKEN = AgentToken.generate(new SecureRandom()).authorization();

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

    /** A {@code $connect} with a well-formed token that the token store does not know: a 401. */
    static APIGatewayV2WebSocketEvent connectWithUnknownToken() {
        APIGatewayV2WebSocketEvent event = webSocketEvent("$connect", null);
        event.setHeaders(Map.of(AgentToken.HEADER, UNKNOWN_TOKEN));
        return event;
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
