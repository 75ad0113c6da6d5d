package dev.httptunnel.protocol;

import dev.httptunnel.identity.TunnelName;
import java.util.List;
import java.util.Objects;

/**
 * Service → agent, the answer to {@link Ready}: the tunnel's id and the public URLs that reach it.
 */
public record ConnectionEstablished(String tunnelId, List<String> publicUrls) implements Message {
    static final String TYPE = "connection_established";

    public ConnectionEstablished {
        TunnelName.require(tunnelId);
        publicUrls = List.copyOf(Objects.requireNonNull(publicUrls, "publicUrls"));
        if (publicUrls.isEmpty()) {
            throw new IllegalArgumentException("publicUrls must name at least one URL");
        }
    }
}
