package dev.httptunnel.protocol;

/**
 * Agent → service, first message after the upgrade (API Gateway cannot post during {@code $connect},
 * so the agent speaks first and the service answers with {@link ConnectionEstablished}).
 *
 * @param agentVersion the agent's version, for the service's logs; may be null
 * @param resumeToken reserved for reclaiming a previous tunnel id (stable URLs); may be null
 * @param successor whether the agent opened this connection while its previous one was still open (a
 *     rotation): false makes this a new agent, which replaces any other connection serving the name with a
 *     {@link ConnectionReplaced}; null (an agent from before the field) replaces none, as before
 */
public record Ready(String agentVersion, String resumeToken, Boolean successor) implements Message {
    static final String TYPE = "ready";

    /** The first connection of an agent, or one opened after its previous one ended. */
    public static Ready of(String agentVersion) {
        return new Ready(agentVersion, null, false);
    }

    /** A connection opened to take over from this agent's own connection, which is still open. */
    public static Ready successorOf(String agentVersion) {
        return new Ready(agentVersion, null, true);
    }

    /** Whether this connection's agent asks to replace other agents' connections to its name. */
    public boolean replacesOthers() {
        return Boolean.FALSE.equals(successor);
    }
}
