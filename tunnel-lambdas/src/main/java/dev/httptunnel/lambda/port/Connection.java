package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent's WebSocket connection and the tunnel it serves.
 *
 * @param expiresAt after this the row is stale whatever the table says (API Gateway closes every
 *     connection within two hours, and {@code $disconnect} may never arrive)
 */
public record Connection(String connectionId, String tunnelId, Instant connectedAt, Instant expiresAt) {

    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(tunnelId, "tunnelId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
