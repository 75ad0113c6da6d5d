package dev.httptunnel.lambda.adapter.memory;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Connections kept in this process: for tests and the single-machine gateway. */
public final class InMemoryConnectionStore implements ConnectionStore {

    private record Claim(String connectionId, String tokenHash, Instant expiresAt) {
    }

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryConnectionStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean claimTunnel(String tunnelId, String connectionId, String tokenHash, Instant expiresAt) {
        Instant now = clock.instant();
        Claim mine = new Claim(connectionId, tokenHash, expiresAt);
        Claim result = claims.compute(tunnelId, (id, held) -> held == null || !now.isBefore(held.expiresAt())
                || held.tokenHash().equals(tokenHash) ? mine : held);
        return result == mine;
    }

    @Override
    public void save(Connection connection) {
        connections.put(connection.connectionId(), connection);
    }

    @Override
    public Optional<Connection> find(String connectionId) {
        return live(connections.get(connectionId));
    }

    @Override
    public List<Connection> findByTunnel(String tunnelId) {
        Instant now = clock.instant();
        return connections.values().stream()
                .filter(c -> c.tunnelId().equals(tunnelId) && !c.isExpiredAt(now))
                .toList();
    }

    @Override
    public Optional<Connection> remove(String connectionId) {
        Connection removed = connections.remove(connectionId);
        if (removed != null) {
            claims.computeIfPresent(removed.tunnelId(), (id, held) ->
                    held.connectionId().equals(connectionId) ? null : held);
        }
        return Optional.ofNullable(removed);
    }

    private Optional<Connection> live(Connection connection) {
        return connection == null || connection.isExpiredAt(clock.instant())
                ? Optional.empty() : Optional.of(connection);
    }
}
