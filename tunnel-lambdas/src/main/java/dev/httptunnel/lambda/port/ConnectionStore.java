package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Optional;

/** Where agent connections are kept. Reads never return a row past its {@code expiresAt}. */
public interface ConnectionStore {

    /**
     * Reserves a tunnel id for a connection; false when another live connection holds it already.
     * This is what makes a random id collision-safe.
     */
    boolean claimTunnel(String tunnelId, String connectionId, Instant expiresAt);

    void save(Connection connection);

    /** The connection by id (strongly consistent). */
    Optional<Connection> find(String connectionId);

    /** The newest live connection serving {@code tunnelId}, if any. */
    Optional<Connection> findNewestByTunnel(String tunnelId);

    /** Deletes the connection and releases its tunnel claim; idempotent. Returns what was removed. */
    Optional<Connection> remove(String connectionId);
}
