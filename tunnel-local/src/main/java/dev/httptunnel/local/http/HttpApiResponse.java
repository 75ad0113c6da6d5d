package dev.httptunnel.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Maps a payload format 2.0 result onto the public response as API Gateway does: {@code statusCode},
 * {@code headers} (one header per entry, its value as given), each {@code cookies[]} entry its own
 * {@code Set-Cookie}, a base64 body decoded when {@code isBase64Encoded}.
 */
final class HttpApiResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Describe the connection, not the response: the gateway frames the body itself. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade");
    /** Set by the gateway itself, as API Gateway sets its own: passing the app's too would send two. */
    private static final Set<String> GATEWAY_OWNED = Set.of("date");

    private HttpApiResponse() {
    }

    /**
     * False when the result is not a response API Gateway can map (it answers 500 then); a result whose
     * headers exceed the header quota is answered 502 here.
     */
    static boolean write(byte[] resultJson, Request request, Response response, String requestId, Callback callback) {
        JsonNode result;
        try {
            result = JSON.readTree(resultJson);
        } catch (IOException e) {
            return false;
        }
        if (result == null || !result.isObject()) {
            return false;
        }
        int status = result.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            return false;
        }
        byte[] body;
        JsonNode bodyNode = result.get("body");
        String text = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.asText();
        try {
            body = result.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(text)
                    : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (headerBlockBytes(result) > ProtocolLimits.MAX_HEADER_BLOCK_BYTES) {
            // What API Gateway answers for an integration response it cannot deliver.
            GatewayError.BAD_INTEGRATION_RESPONSE.write(response, requestId, callback);
            return true;
        }
        response.setStatus(status);
        String declaredLength = null;
        for (Map.Entry<String, JsonNode> header : result.path("headers").properties()) {
            if (header.getValue().isNull()) {
                continue;
            }
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                declaredLength = header.getValue().asText();
            }
            if (!FRAMING.contains(name) && !GATEWAY_OWNED.contains(name)) {
                response.getHeaders().add(header.getKey(), header.getValue().asText());
            }
        }
        for (JsonNode cookie : result.path("cookies")) {
            response.getHeaders().add("Set-Cookie", cookie.asText());
        }
        response.getHeaders().put(GatewayError.REQUEST_ID_HEADER, requestId);
        // A HEAD answer has no body but may announce the length of the one a GET would get.
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (head && body.length == 0 && declaredLength != null) {
            response.getHeaders().put("Content-Length", declaredLength);
        } else if (!(status == 204 || status == 304 || status < 200)) {
            response.getHeaders().put("Content-Length", Long.toString(body.length));
        }
        response.write(true, body.length == 0 || head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The result's headers and cookies as they would go on the wire. */
    private static long headerBlockBytes(JsonNode result) {
        long bytes = 0;
        for (Map.Entry<String, JsonNode> header : result.path("headers").properties()) {
            bytes += utf8(header.getKey()) + utf8(header.getValue().asText()) + 4;
        }
        for (JsonNode cookie : result.path("cookies")) {
            bytes += "Set-Cookie".length() + utf8(cookie.asText()) + 4;
        }
        return bytes;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
