package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where agent connections are kept. Reads never return a row past its {@code expiresAt}. */
public interface ConnectionStore {

    /**
     * Reserves a tunnel for a connection of the token {@code tokenHash}; false when a live connection of
     * another token holds it. A connection of the same token takes the claim over, so a restarted agent
     * gets its name back before API Gateway has noticed that the old connection is gone.
     */
    boolean claimTunnel(String tunnelId, String connectionId, String tokenHash, Instant expiresAt);

    void save(Connection connection);

    /** The connection by id (strongly consistent). */
    Optional<Connection> find(String connectionId);

    /** The newest live connection serving {@code tunnelId}, if any. */
    default Optional<Connection> findNewestByTunnel(String tunnelId) {
        return findByTunnel(tunnelId).stream().max(Comparator.comparing(Connection::connectedAt));
    }

    /** Every live connection serving {@code tunnelId} (eventually consistent on DynamoDB: an index query). */
    List<Connection> findByTunnel(String tunnelId);

    /** Deletes the connection and releases its tunnel claim; idempotent. Returns what was removed. */
    Optional<Connection> remove(String connectionId);
}
