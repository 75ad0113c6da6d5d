package dev.httptunnel.local.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httptunnel.local.http.AccessLogTime;
import dev.httptunnel.local.http.GatewayIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket API's route events, shaped as API Gateway sends them to a Lambda proxy integration:
 * {@code $connect} with the upgrade request's headers and query, {@code $default} with the message,
 * {@code $disconnect} with the close status and reason.
 */
final class WebSocketEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What every event of one connection shares. */
    record ConnectionInfo(String connectionId, String apiId, String stage, String domainName, String sourceIp,
                          String userAgent, Instant connectedAt) {
    }

    private WebSocketEvent() {
    }

    static byte[] connect(ConnectionInfo connection, Map<String, List<String>> headers,
                          Map<String, List<String>> query, Instant now) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1));
            values.forEach(multi.putArray(name)::add);
        });
        if (!query.isEmpty()) {
            ObjectNode singleQuery = event.putObject("queryStringParameters");
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                singleQuery.put(name, values.get(values.size() - 1));
                values.forEach(multiQuery.putArray(name)::add);
            });
        }
        context(event, connection, "$connect", "CONNECT", now);
        event.put("isBase64Encoded", false);
        return write(event);
    }

    static byte[] message(ConnectionInfo connection, String body, boolean base64, Instant now) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode context = context(event, connection, "$default", "MESSAGE", now);
        context.put("messageId", GatewayIds.next());
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return write(event);
    }

    static byte[] disconnect(ConnectionInfo connection, int statusCode, String reason, Instant now) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode headers = event.putObject("headers");
        headers.put("Host", connection.domainName());
        headers.put("x-api-key", "");
        headers.put("X-Forwarded-For", "");
        headers.put("x-restapi", "");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.properties().forEach(h -> multi.putArray(h.getKey()).add(h.getValue().asText()));
        ObjectNode context = context(event, connection, "$disconnect", "DISCONNECT", now);
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason == null ? "" : reason);
        event.put("isBase64Encoded", false);
        return write(event);
    }

    private static ObjectNode context(ObjectNode event, ConnectionInfo connection, String routeKey, String eventType,
                                      Instant now) {
        String requestId = GatewayIds.next();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", AccessLogTime.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", connection.stage());
        context.put("connectedAt", connection.connectedAt().toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", connection.sourceIp());
        if (connection.userAgent() != null) {
            identity.put("userAgent", connection.userAgent());
        }
        context.put("requestId", requestId);
        context.put("domainName", connection.domainName());
        context.put("connectionId", connection.connectionId());
        context.put("apiId", connection.apiId());
        return context;
    }

    private static byte[] write(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a WebSocket event", e);
        }
    }
}
