package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.protocol.ProtocolLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Opens a tunnel when an admitted agent connects and closes it when the agent goes. */
public final class TunnelRegistry {

    /** A little past API Gateway's two-hour maximum, so a row outlives its connection only briefly. */
    public static final Duration CONNECTION_LIFETIME = ProtocolLimits.MAX_CONNECTION_DURATION.plusMinutes(5);

    private final ConnectionStore connections;
    private final Clock clock;

    public TunnelRegistry(ConnectionStore connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /**
     * Makes the connection serve {@code tunnelName}, claimed with a conditional write, and stores it; empty
     * when a live connection of another token serves that name.
     */
    public Optional<Connection> open(String connectionId, String tunnelName, String tokenHash) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(CONNECTION_LIFETIME);
        if (!connections.claimTunnel(tunnelName, connectionId, tokenHash, expiresAt)) {
            return Optional.empty();
        }
        Connection connection = new Connection(connectionId, tunnelName, tokenHash, now, expiresAt);
        connections.save(connection);
        return Optional.of(connection);
    }

    /** Forgets the connection; closing an unknown or already closed connection is not an error. */
    public Optional<Connection> close(String connectionId) {
        return connections.remove(connectionId);
    }
}
