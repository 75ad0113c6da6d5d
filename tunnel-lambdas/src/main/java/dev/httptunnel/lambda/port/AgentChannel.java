package dev.httptunnel.lambda.port;

import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;

/**
 * Sends messages to an agent over its WebSocket connection, and closes it (API Gateway's Management API
 * on AWS).
 */
public interface AgentChannel {

    /**
     * Sends a message already encoded by {@link MessageCodec}, so a caller that had to encode it to
     * check its size does not encode it twice.
     *
     * @throws AgentGoneException when the connection no longer exists (410 Gone)
     */
    void send(String connectionId, byte[] encodedMessage);

    /** @throws AgentGoneException when the connection no longer exists (410 Gone) */
    default void send(String connectionId, Message message) {
        send(connectionId, MessageCodec.encodeToBytes(message));
    }

    /**
     * Closes the connection ({@code DELETE @connections/{id}}); the agent sees its socket close.
     *
     * @throws AgentGoneException when the connection no longer exists (410 Gone)
     */
    void disconnect(String connectionId);
}
