package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which connection serves a tunnel, remembered for a while by a warm forwarding handler so that a
 * busy tunnel costs one index query per {@link #ENTRY_LIFETIME}, not one per request. Also keeps
 * each tunnel's recent answer latency, from which the poll schedule is planned.
 */
public final class TunnelDirectory {

    static final Duration ENTRY_LIFETIME = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 1024;

    private static final class Entry {
        final Connection connection;
        final Instant cachedAt;
        Duration latency;

        Entry(Connection connection, Instant cachedAt, Duration latency) {
            this.connection = connection;
            this.cachedAt = cachedAt;
            this.latency = latency;
        }
    }

    private final ConnectionStore connections;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private final Map<String, Instant> offline = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public TunnelDirectory(ConnectionStore connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    public Optional<Connection> lookup(String tunnelId) {
        return lookup(tunnelId, Set.of());
    }

    /**
     * The tunnel's connection, ignoring those in {@code gone}: API Gateway said they are gone, but the index
     * (eventually consistent on DynamoDB) may list them a little longer.
     */
    public synchronized Optional<Connection> lookup(String tunnelId, Set<String> gone) {
        Instant now = clock.instant();
        Entry entry = entries.get(tunnelId);
        if (entry != null && now.isBefore(entry.cachedAt.plus(ENTRY_LIFETIME))
                && !entry.connection.isExpiredAt(now) && !gone.contains(entry.connection.connectionId())) {
            return Optional.of(entry.connection);
        }
        Optional<Connection> found = connections.findByTunnel(tunnelId).stream()
                .filter(c -> !gone.contains(c.connectionId()))
                .max(Comparator.comparing(Connection::connectedAt));
        if (found.isPresent()) {
            Duration latency = entry == null ? null : entry.latency;
            entries.put(tunnelId, new Entry(found.get(), now, latency));
            offline.remove(tunnelId);
        } else {
            entries.remove(tunnelId);
        }
        return found;
    }

    /** Forgets the tunnel's connection, e.g. after API Gateway said it is gone. */
    public synchronized void invalidate(String tunnelId) {
        entries.remove(tunnelId);
    }

    /**
     * Remembers that a request for the tunnel was held in vain: until {@code until}, requests for it are not
     * held again by this instance (a long outage costs one lookup per request, not a hold each).
     */
    public synchronized void markOffline(String tunnelId, Instant until) {
        offline.put(tunnelId, until);
    }

    /** Whether a request for the tunnel was held in vain here recently (see {@link #markOffline}). */
    public synchronized boolean isKnownOffline(String tunnelId) {
        Instant until = offline.get(tunnelId);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        offline.remove(tunnelId);
        return false;
    }

    /** The tunnel's typical answer latency, if it answered before through this handler. */
    public synchronized Optional<Duration> expectedLatency(String tunnelId) {
        Entry entry = entries.get(tunnelId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.latency);
    }

    /**
     * Folds one observed latency into the estimate: quick to fall (a fast answer must not be polled for
     * late) and slow to rise (one slow request should not delay the next fast one's first poll).
     */
    public synchronized void recordLatency(String tunnelId, Duration observed) {
        Entry entry = entries.get(tunnelId);
        if (entry == null) {
            return;
        }
        if (entry.latency == null) {
            entry.latency = observed;
            return;
        }
        long previous = entry.latency.toNanos();
        long sample = observed.toNanos();
        long next = sample < previous ? (previous + sample) / 2 : previous + (sample - previous) / 8;
        entry.latency = Duration.ofNanos(next);
    }
}
