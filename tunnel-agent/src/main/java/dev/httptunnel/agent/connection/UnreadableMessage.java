package dev.httptunnel.agent.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httptunnel.agent.relay.ErrorAnswers;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.ProtocolException;
import java.util.Optional;

/**
 * The answer to a message the agent cannot decode. When the text still names a request id, the error
 * answers that request, so the public caller gets a prompt error instead of waiting for the deadline.
 */
final class UnreadableMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UnreadableMessage() {
    }

    static ErrorMessage reply(String text, ProtocolException problem) {
        return ErrorAnswers.unreadable(requestIdIn(text), problem);
    }

    /**
     * API Gateway's own notice ({@code {"message": "Too Many Requests", "connectionId": …}}, or "Internal
     * server error" for a failed integration): no message of the protocol, so answering it would only add a
     * message to a throttled connection. Its text, when it is one.
     */
    static Optional<String> gatewayNotice(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && !node.has("type") && node.path("message").isTextual()
                    ? Optional.of(node.get("message").asText()) : Optional.empty();
        } catch (java.io.IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static String requestIdIn(String text) {
        try {
            JsonNode id = JSON.readTree(text).path("requestId");
            return id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }
}
