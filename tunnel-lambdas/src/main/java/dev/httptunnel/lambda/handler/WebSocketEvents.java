package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/** Reading WebSocket route events and answering them. */
final class WebSocketEvents {

    private WebSocketEvents() {
    }

    static String connectionId(APIGatewayV2WebSocketEvent event) {
        if (event == null || event.getRequestContext() == null) {
            return null;
        }
        String id = event.getRequestContext().getConnectionId();
        return id == null || id.isBlank() ? null : id;
    }

    /** A non-2xx answer to {@code $connect} makes API Gateway refuse the upgrade with that status. */
    static APIGatewayV2WebSocketResponse response(int status) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        return response;
    }
}
