package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httptunnel.protocol.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a replay changes in the captured request; each part null to keep the captured one. Read from the
 * replay call's JSON: {@code method}, {@code path} (path and query, as on the request line),
 * {@code headers} ({@code [name, value]} pairs, replacing all of them), {@code body} (text) or
 * {@code body_base64}.
 *
 * @param method the method to send instead
 * @param target path and query to send instead
 * @param headers the headers to send instead, in order
 * @param body the body to send instead
 */
record ReplayEdits(String method, String target, List<HeaderField> headers, byte[] body) {

    static final ReplayEdits NONE = new ReplayEdits(null, null, null, null);

    /**
     * @throws IllegalArgumentException naming the field that is not as documented
     */
    static ReplayEdits from(JsonNode call) {
        String method = text(call, "method");
        String target = text(call, "path");
        if (target != null && !target.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': '" + target + "'");
        }
        List<HeaderField> headers = null;
        JsonNode headerNodes = call.get("headers");
        if (headerNodes != null && !headerNodes.isNull()) {
            if (!headerNodes.isArray()) {
                throw new IllegalArgumentException("headers must be a list of [name, value] pairs");
            }
            headers = new ArrayList<>();
            for (JsonNode pair : headerNodes) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                    throw new IllegalArgumentException("headers must be a list of [name, value] pairs: " + pair);
                }
                headers.add(new HeaderField(pair.get(0).asText(), pair.get(1).asText()));
            }
        }
        byte[] body = null;
        String text = text(call, "body");
        String base64 = text(call, "body_base64");
        if (text != null && base64 != null) {
            throw new IllegalArgumentException("give body or body_base64, not both");
        }
        if (text != null) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else if (base64 != null) {
            body = Base64.getDecoder().decode(base64);
        }
        return new ReplayEdits(method, target, headers, body);
    }

    private static String text(JsonNode call, String field) {
        JsonNode node = call.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.asText();
    }
}
