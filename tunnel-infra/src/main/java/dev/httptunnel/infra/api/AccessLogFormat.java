package dev.httptunnel.infra.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON access-log lines for both stages. Paths are logged, query strings are not: they may carry
 * the callers' secrets. The two API types document different {@code $context} variables (an HTTP API's
 * {@code integrationErrorMessage} is {@code integration.error} on a WebSocket API), so each format uses
 * only its own type's.
 */
final class AccessLogFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessLogFormat() {
    }

    static String http() {
        var fields = common();
        fields.put("method", "$context.httpMethod");
        fields.put("path", "$context.path");
        fields.put("protocol", "$context.protocol");
        fields.put("responseLength", "$context.responseLength");
        fields.put("latencyMs", "$context.responseLatency");
        fields.put("integrationLatencyMs", "$context.integrationLatency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        return render(fields);
    }

    static String webSocket() {
        var fields = common();
        fields.put("connectionId", "$context.connectionId");
        fields.put("eventType", "$context.eventType");
        fields.put("routeKey", "$context.routeKey");
        fields.put("integrationLatencyMs", "$context.integrationLatency");
        fields.put("integrationError", "$context.integration.error");
        return render(fields);
    }

    private static Map<String, String> common() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("sourceIp", "$context.identity.sourceIp");
        fields.put("status", "$context.status");
        fields.put("error", "$context.error.message");
        return fields;
    }

    private static String render(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
