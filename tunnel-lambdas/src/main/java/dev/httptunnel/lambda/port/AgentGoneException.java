package dev.httptunnel.lambda.port;

/** The agent's connection no longer exists: API Gateway answered 410 Gone. */
public final class AgentGoneException extends RuntimeException {

    private final String connectionId;

    public AgentGoneException(String connectionId, Throwable cause) {
        super("connection " + connectionId + " is gone", cause);
        this.connectionId = connectionId;
    }

    public String connectionId() {
        return connectionId;
    }
}
