package dev.httptunnel.lambda.adapter.memory;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Pending requests kept in this process: for tests and the single-machine gateway. Unlike DynamoDB, it wakes
 * the thread waiting for a request the moment its answer is recorded, so the forwarding handler does not
 * need to poll it.
 */
public final class InMemoryPendingRequestStore implements PendingRequestStore {

    /** How often at most the expired rows are swept out: a sweep on every create made creates O(rows). */
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);

    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, Thread> waiters = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);
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
        return answerIf(requestId, pending -> pending.acceptsAnswer(connectionId, now), answerJson, now);
    }

    @Override
    public boolean passOn(String requestId, String tunnelId, String answerJson, Instant now) {
        return answerIf(requestId, pending -> pending.acceptsPassOn(tunnelId, now), answerJson, now);
    }

    private boolean answerIf(String requestId, Predicate<PendingRequest> accepts, String answerJson,
                             Instant now) {
        AtomicBoolean accepted = new AtomicBoolean();
        requests.computeIfPresent(requestId, (id, pending) -> {
            if (accepts.test(pending)) {
                accepted.set(true);
                return pending.answered(answerJson, now);
            }
            return pending;
        });
        if (accepted.get()) {
            Thread waiter = waiters.get(requestId);
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
        return accepted.get();
    }

    /** Registers before checking, so an answer recorded in between still unparks this thread. */
    @Override
    public void awaitAnswer(String requestId, long nanoTime) {
        Thread current = Thread.currentThread();
        waiters.put(requestId, current);
        try {
            long remaining;
            while ((remaining = nanoTime - System.nanoTime()) > 0 && !current.isInterrupted()
                    && !isAnswered(requestId)) {
                LockSupport.parkNanos(this, remaining);
            }
        } finally {
            waiters.remove(requestId, current);
        }
    }

    @Override
    public void forget(String requestId) {
        requests.remove(requestId);
    }

    @Override
    public boolean signalsAnswers() {
        return true;
    }

    private boolean isAnswered(String requestId) {
        PendingRequest request = requests.get(requestId);
        return request != null && request.answer().isPresent();
    }

    @Override
    public Optional<PendingRequest> find(String requestId) {
        PendingRequest request = requests.get(requestId);
        return request == null || request.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(request);
    }

    /** Stands in for DynamoDB's TTL deletion, so a long-running local gateway does not grow without bound. */
    private void purgeExpired() {
        Instant now = clock.instant();
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            return;
        }
        requests.values().removeIf(r -> r.isExpiredAt(now));
    }

    /** How many rows are held, expired ones included; tests use it to prove refused answers create none. */
    public int size() {
        return requests.size();
    }
}
