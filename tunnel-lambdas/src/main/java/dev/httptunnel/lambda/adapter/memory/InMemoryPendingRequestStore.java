package dev.httptunnel.lambda.adapter.memory;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Pending requests kept in this process: for tests and the single-machine gateway. */
public final class InMemoryPendingRequestStore implements PendingRequestStore {

    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryPendingRequestStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void create(PendingRequest request) {
        purgeExpired();
        requests.put(request.requestId(), request);
    }

    @Override
    public boolean answer(String requestId, String connectionId, String answerJson, Instant now) {
        AtomicBoolean accepted = new AtomicBoolean();
        requests.computeIfPresent(requestId, (id, pending) -> {
            if (pending.acceptsAnswer(connectionId, now)) {
                accepted.set(true);
                return pending.answered(answerJson);
            }
            return pending;
        });
        return accepted.get();
    }

    @Override
    public Optional<PendingRequest> find(String requestId) {
        PendingRequest request = requests.get(requestId);
        return request == null || request.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(request);
    }

    /** Stands in for DynamoDB's TTL deletion, so a long-running local gateway does not grow without bound. */
    private void purgeExpired() {
        Instant now = clock.instant();
        requests.values().removeIf(r -> r.isExpiredAt(now));
    }

    /** How many rows are held, expired ones included; tests use it to prove refused answers create none. */
    public int size() {
        return requests.size();
    }
}
