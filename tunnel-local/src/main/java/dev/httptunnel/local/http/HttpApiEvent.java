package dev.httptunnel.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the HTTP API's payload format 2.0 event for one request, field for field as API Gateway does:
 * header names lower-cased and repeated values comma-joined, cookies moved to {@code cookies[]}, the path
 * and query exactly as received, {@code x-forwarded-*} added, a binary body in base64.
 */
public final class HttpApiEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request, before API Gateway adds anything. */
    public record Received(String method, String rawPath, String rawQuery, String protocol,
                           List<Map.Entry<String, String>> headers, byte[] body, String sourceIp, int localPort) {
    }

    private HttpApiEvent() {
    }

    public static byte[] build(Received request, String apiId, String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        String host = "";
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : header.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
                continue;
            }
            if (name.equals("host")) {
                host = header.getValue();
            }
            headers.merge(name, header.getValue(), (a, b) -> a + "," + b);
        }
        headers.merge("x-forwarded-for", request.sourceIp(), (a, b) -> a + ", " + b);
        headers.put("x-forwarded-port", Integer.toString(request.localPort()));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-amzn-trace-id", GatewayIds.traceId(now.toEpochMilli()));

        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        String domainName = hostname(host);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", apiId);
        context.put("domainName", domainName);
        int dot = domainName.indexOf('.');
        context.put("domainPrefix", dot < 0 ? domainName : domainName.substring(0, dot));
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", AccessLogTime.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        byte[] body = request.body();
        if (body.length > 0) {
            String text = textBody(headers.get("content-type"), headers.get("content-encoding"), body);
            if (text != null) {
                event.put("body", text);
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the HTTP API event", e);
        }
    }

    /** Decoded, repeated names comma-joined, as payload 2.0 does; the raw query stays in rawQueryString. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    /** The body as text when its type is textual and it is valid UTF-8; null when it must travel in base64. */
    private static String textBody(String contentType, String contentEncoding, byte[] body) {
        if (contentType == null || (contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity"))) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    static String hostname(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
