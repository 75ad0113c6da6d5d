package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent's WebSocket connection and the tunnel it serves.
 *
 * @param tokenHash the hash of the token the agent presented; empty for a row written before tokens
 * @param expiresAt after this the row is stale whatever the table says (API Gateway closes every
 *     connection within two hours, and {@code $disconnect} may never arrive)
 */
public record Connection(String connectionId, String tunnelId, String tokenHash, Instant connectedAt,
                         Instant expiresAt) {

    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(tunnelId, "tunnelId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
