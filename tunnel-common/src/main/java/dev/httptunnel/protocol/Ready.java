package dev.httptunnel.protocol;

/**
 * Agent → service, first message after the upgrade (API Gateway cannot post during {@code $connect},
 * so the agent speaks first and the service answers with {@link ConnectionEstablished}).
 *
 * @param agentVersion the agent's version, for the service's logs; may be null
 * @param resumeToken reserved for reclaiming a previous tunnel id (stable URLs); may be null
 */
public record Ready(String agentVersion, String resumeToken) implements Message {
    static final String TYPE = "ready";

    public static Ready of(String agentVersion) {
        return new Ready(agentVersion, null);
    }
}
