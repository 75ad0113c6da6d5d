package dev.httptunnel.bench.bodies;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pending-request store with DynamoDB's capacity units counted as DynamoDB would bill them: a write
 * costs one unit per started KB of the item (the larger of before and after, for an update), a strongly
 * consistent read one unit per started 4 KB. The item's own attributes (ids, times) are taken as
 * {@link #ITEM_OVERHEAD_BYTES}; an answered item adds the answer's length. While counting it does not pass
 * on the in-memory store's wake-up when an answer lands ({@link PendingRequestStore#awaitAnswer}): the
 * forwarding handler polls it on its schedule, as it polls DynamoDB, so the reads counted are the reads the
 * stack would make. {@link #wakeOnAnswers()} passes the wake-up on, for measuring latency as the local
 * gateway has it.
 */
final class CountingPendingRequestStore implements PendingRequestStore {

    /** Ids, tunnel, times and key names of a pending row, without the answer: about 250 bytes. */
    static final int ITEM_OVERHEAD_BYTES = 250;

    private final PendingRequestStore delegate;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writeUnits = new AtomicLong();
    private final AtomicLong readUnits = new AtomicLong();
    private volatile boolean wakeOnAnswers;

    CountingPendingRequestStore(PendingRequestStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void create(PendingRequest request) {
        writes.incrementAndGet();
        writeUnits.addAndGet(units(ITEM_OVERHEAD_BYTES, 1024));
        delegate.create(request);
    }

    @Override
    public boolean answer(String requestId, String connectionId, String answerJson, Instant now) {
        writes.incrementAndGet();
        writeUnits.addAndGet(units(ITEM_OVERHEAD_BYTES + answerJson.length(), 1024));
        return delegate.answer(requestId, connectionId, answerJson, now);
    }

    @Override
    public boolean passOn(String requestId, String tunnelId, String answerJson, Instant now) {
        writes.incrementAndGet();
        writeUnits.addAndGet(units(ITEM_OVERHEAD_BYTES + answerJson.length(), 1024));
        return delegate.passOn(requestId, tunnelId, answerJson, now);
    }

    @Override
    public Optional<PendingRequest> find(String requestId) {
        Optional<PendingRequest> found = delegate.find(requestId);
        reads.incrementAndGet();
        readUnits.addAndGet(units(ITEM_OVERHEAD_BYTES + found.flatMap(PendingRequest::answer).map(String::length)
                .orElse(0), 4096));
        return found;
    }

    static long units(long bytes, int unitBytes) {
        return Math.max(1, (bytes + unitBytes - 1) / unitBytes);
    }

    long writes() {
        return writes.get();
    }

    long reads() {
        return reads.get();
    }

    long writeUnits() {
        return writeUnits.get();
    }

    long readUnits() {
        return readUnits.get();
    }

    /** From now on, waits end when the answer lands, as with the local gateway's own in-memory store. */
    void wakeOnAnswers() {
        wakeOnAnswers = true;
    }

    @Override
    public void awaitAnswer(String requestId, long nanoTime) {
        if (wakeOnAnswers) {
            delegate.awaitAnswer(requestId, nanoTime);
        } else {
            PendingRequestStore.super.awaitAnswer(requestId, nanoTime);
        }
    }

    @Override
    public void forget(String requestId) {
        delegate.forget(requestId);
    }

    @Override
    public boolean signalsAnswers() {
        return wakeOnAnswers && delegate.signalsAnswers();
    }
}
