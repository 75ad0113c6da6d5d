package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.List;
import java.util.Map;

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

    /**
     * The value of the request header {@code name} (any case), null when absent. Several values are joined
     * with commas, as HTTP joins repeated headers, so that a repeated token or name is refused as malformed
     * rather than one of them chosen.
     */
    static String header(APIGatewayV2WebSocketEvent event, String name) {
        if (event.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : event.getMultiValueHeaders().entrySet()) {
                if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null
                        && !header.getValue().isEmpty()) {
                    return String.join(",", header.getValue());
                }
            }
        }
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (name.equalsIgnoreCase(header.getKey())) {
                    return header.getValue();
                }
            }
        }
        return null;
    }

    /** A non-2xx answer to {@code $connect} makes API Gateway refuse the upgrade with that status. */
    static APIGatewayV2WebSocketResponse response(int status) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        return response;
    }
}
