package dev.httptunnel.lambda.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.TunnelName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway events as AWS documents them (JSON files under {@code events/}), deserialized the way the
 * managed Java runtime does it, so the handlers see exactly what they would see on AWS.
 */
public final class EventFixtures {

    private EventFixtures() {
    }

    public static APIGatewayV2HTTPEvent httpRequest() {
        return read("http-api-v2-request.json", APIGatewayV2HTTPEvent.class);
    }

    public static APIGatewayV2WebSocketEvent webSocketConnect(String connectionId) {
        APIGatewayV2WebSocketEvent event = read("websocket-connect.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId(connectionId);
        return event;
    }

    /** A {@code $connect} whose upgrade request also carried {@code headers}, in both header maps. */
    public static APIGatewayV2WebSocketEvent webSocketConnect(String connectionId, Map<String, String> headers) {
        APIGatewayV2WebSocketEvent event = webSocketConnect(connectionId);
        headers.forEach((name, value) -> {
            event.getHeaders().put(name, value);
            event.getMultiValueHeaders().put(name, List.of(value));
        });
        return event;
    }

    /** A {@code $connect} presenting {@code token}, asking for {@code name} unless it is null. */
    public static APIGatewayV2WebSocketEvent webSocketConnect(String connectionId, AgentToken token, String name) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(AgentToken.HEADER, token.authorization());
        if (name != null) {
            headers.put(TunnelName.REQUEST_HEADER, name);
        }
        return webSocketConnect(connectionId, headers);
    }

    public static APIGatewayV2WebSocketEvent webSocketMessage(String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = read("websocket-message.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId(connectionId);
        event.setBody(body);
        return event;
    }

    public static APIGatewayV2WebSocketEvent webSocketDisconnect(String connectionId) {
        APIGatewayV2WebSocketEvent event = read("websocket-disconnect.json", APIGatewayV2WebSocketEvent.class);
        event.getRequestContext().setConnectionId(connectionId);
        return event;
    }

    /** The response as the runtime would serialize it for API Gateway, then read back. */
    public static APIGatewayV2HTTPResponse roundTrip(APIGatewayV2HTTPResponse response) {
        PojoSerializer<APIGatewayV2HTTPResponse> serializer = serializer(APIGatewayV2HTTPResponse.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(response, out);
        return serializer.fromJson(out.toString(StandardCharsets.UTF_8));
    }

    private static <T> T read(String name, Class<T> type) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture events/" + name);
            }
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, EventFixtures.class.getClassLoader());
    }
}
