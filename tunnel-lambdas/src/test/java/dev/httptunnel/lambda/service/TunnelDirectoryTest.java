package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.adapter.memory.InMemoryConnectionStore;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TunnelDirectoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryConnectionStore store = new InMemoryConnectionStore(clock);
    private final AtomicInteger indexQueries = new AtomicInteger();
    private final TunnelDirectory directory = new TunnelDirectory(counting(store), clock);

    @Test
    void aWarmDirectory_queriesTheIndexOncePerTunnel_forAHundredRequests() {
        store.save(new Connection("c1", "abc123def456", "token-hash", clock.instant(), clock.instant().plusSeconds(3600)));

        for (int i = 0; i < 100; i++) {
            assertThat(directory.lookup("abc123def456")).map(Connection::connectionId).contains("c1");
        }

        assertThat(indexQueries).hasValue(1);
    }

    @Test
    void entries_expireAfterTheirLifetime() {
        store.save(new Connection("c1", "abc123def456", "token-hash", clock.instant(), clock.instant().plusSeconds(3600)));
        directory.lookup("abc123def456");

        clock.advance(TunnelDirectory.ENTRY_LIFETIME.plusSeconds(1));
        directory.lookup("abc123def456");

        assertThat(indexQueries).hasValue(2);
    }

    @Test
    void invalidate_forcesAFreshLookup() {
        store.save(new Connection("c1", "abc123def456", "token-hash", clock.instant(), clock.instant().plusSeconds(3600)));
        directory.lookup("abc123def456");
        store.remove("c1");

        directory.invalidate("abc123def456");

        assertThat(directory.lookup("abc123def456")).isEmpty();
    }

    @Test
    void latencyEstimate_fallsFast_andRisesSlowly() {
        store.save(new Connection("c1", "abc123def456", "token-hash", clock.instant(), clock.instant().plusSeconds(3600)));
        directory.lookup("abc123def456");

        directory.recordLatency("abc123def456", Duration.ofMillis(100));
        directory.recordLatency("abc123def456", Duration.ofMillis(20));
        assertThat(directory.expectedLatency("abc123def456")).contains(Duration.ofMillis(60));

        directory.recordLatency("abc123def456", Duration.ofMillis(860));
        assertThat(directory.expectedLatency("abc123def456")).contains(Duration.ofMillis(160));
    }

    private ConnectionStore counting(ConnectionStore delegate) {
        return new ConnectionStore() {
            @Override
            public boolean claimTunnel(String tunnelId, String connectionId, String tokenHash, Instant expiresAt) {
                return delegate.claimTunnel(tunnelId, connectionId, tokenHash, expiresAt);
            }

            @Override
            public void save(Connection connection) {
                delegate.save(connection);
            }

            @Override
            public Optional<Connection> find(String connectionId) {
                return delegate.find(connectionId);
            }

            @Override
            public List<Connection> findByTunnel(String tunnelId) {
                indexQueries.incrementAndGet();
                return delegate.findByTunnel(tunnelId);
            }

            @Override
            public Optional<Connection> remove(String connectionId) {
                return delegate.remove(connectionId);
            }
        };
    }
}
