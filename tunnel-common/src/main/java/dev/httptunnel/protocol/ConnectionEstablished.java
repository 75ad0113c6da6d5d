package dev.httptunnel.protocol;

import dev.httptunnel.identity.TunnelName;
import java.util.List;
import java.util.Objects;

/**
 * Service → agent, the answer to {@link Ready}: the tunnel's id and the public URLs that reach it.
 *
 * @param maxConnectionSeconds how long the service keeps a connection open at most (API Gateway's hard
 *     limit; a local gateway's may be shorter), so the agent replaces it in time; null when the service
 *     does not say (an older one), and agents that do not know the field ignore it
 */
public record ConnectionEstablished(String tunnelId, List<String> publicUrls, Long maxConnectionSeconds)
        implements Message {
    static final String TYPE = "connection_established";

    /** Without a connection limit: the agent assumes API Gateway's. */
    public ConnectionEstablished(String tunnelId, List<String> publicUrls) {
        this(tunnelId, publicUrls, null);
    }

    public ConnectionEstablished {
        if (maxConnectionSeconds != null && maxConnectionSeconds < 1) {
            throw new IllegalArgumentException("maxConnectionSeconds must be positive: " + maxConnectionSeconds);
        }
        TunnelName.require(tunnelId);
        publicUrls = List.copyOf(Objects.requireNonNull(publicUrls, "publicUrls"));
        if (publicUrls.isEmpty()) {
            throw new IllegalArgumentException("publicUrls must name at least one URL");
        }
    }
}
