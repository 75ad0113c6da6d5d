package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Opens a tunnel when an agent connects and closes it when the agent goes. */
public final class TunnelRegistry {

    /** A little past API Gateway's two-hour maximum, so a row outlives its connection only briefly. */
    public static final Duration CONNECTION_LIFETIME = ProtocolLimits.MAX_CONNECTION_DURATION.plusMinutes(5);

    /** 36^12 ids make a collision all but impossible; a few retries make it harmless. */
    static final int MAX_CLAIM_ATTEMPTS = 5;

    private static final System.Logger LOG = System.getLogger(TunnelRegistry.class.getName());

    private final ConnectionStore connections;
    private final Clock clock;
    private final Supplier<String> tunnelIds;

    public TunnelRegistry(ConnectionStore connections, Clock clock) {
        // SecureRandom reads the OS entropy source on each use, so a SnapStart restore does not repeat ids.
        this(connections, clock, randomIds(new SecureRandom()));
    }

    public TunnelRegistry(ConnectionStore connections, Clock clock, Supplier<String> tunnelIds) {
        this.connections = connections;
        this.clock = clock;
        this.tunnelIds = tunnelIds;
    }

    /** Gives the new connection a fresh tunnel id, claimed with a conditional write, and stores it. */
    public Connection open(String connectionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(CONNECTION_LIFETIME);
        for (int attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
            String tunnelId = tunnelIds.get();
            if (connections.claimTunnel(tunnelId, connectionId, expiresAt)) {
                Connection connection = new Connection(connectionId, tunnelId, now, expiresAt);
                connections.save(connection);
                return connection;
            }
            LOG.log(System.Logger.Level.WARNING, "tunnel id {0} is taken; drawing another", tunnelId);
        }
        throw new IllegalStateException("no free tunnel id after " + MAX_CLAIM_ATTEMPTS + " attempts");
    }

    /** Forgets the connection; closing an unknown or already closed connection is not an error. */
    public Optional<Connection> close(String connectionId) {
        return connections.remove(connectionId);
    }

    private static Supplier<String> randomIds(SecureRandom random) {
        return () -> TunnelId.random(random);
    }
}
