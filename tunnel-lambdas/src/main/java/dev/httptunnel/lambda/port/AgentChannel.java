package dev.httptunnel.lambda.port;

import dev.httptunnel.protocol.Message;

/** Sends messages to an agent over its WebSocket connection (API Gateway's Management API on AWS). */
public interface AgentChannel {

    /** @throws AgentGoneException when the connection no longer exists (410 Gone) */
    void send(String connectionId, Message message);
}
