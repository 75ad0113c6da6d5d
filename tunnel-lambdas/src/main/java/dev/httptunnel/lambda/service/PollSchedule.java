package dev.httptunnel.lambda.service;

import java.time.Duration;

/**
 * When the forwarding handler reads the pending request while it waits for the agent.
 *
 * <p>A strongly consistent read costs far less than the function's billed time spent waiting for it to
 * come back with the answer (tunnel-bench's {@code CostModel} has the prices), so the handler should read
 * often near the moment the answer is likely to arrive and rarely elsewhere. With no history it starts
 * after {@link #MIN_STEP} and reads at intervals of a fifth of the time waited so far (so the answer is
 * noticed at most a fifth late), between {@link #MIN_STEP} and {@link #MAX_STEP}. With a tunnel's typical
 * answer time known (learnt from when answers were recorded), the first read comes at that time and the
 * next ones a tenth of the wait apart: a tunnel whose app answers steadily costs a couple of reads
 * instead of a dozen, and is noticed within a tenth of its answer time. The shortest interval then is a
 * quarter of the typical time, between
 * {@link #FLOOR_WITH_HISTORY} and {@link #MIN_STEP}: a tunnel that answers in under a millisecond (the
 * local gateway, an agent next to the stack) is noticed within a fraction of that, while on DynamoDB,
 * where a read itself takes milliseconds, the reads are no more frequent than before.
 */
public final class PollSchedule {

    static final Duration MIN_STEP = Duration.ofMillis(1);
    static final Duration FLOOR_WITH_HISTORY = Duration.ofNanos(100_000);
    static final Duration MAX_STEP = Duration.ofMillis(100);
    static final double GROWTH_WITHOUT_HISTORY = 0.2;
    static final double GROWTH_WITH_HISTORY = 0.1;

    private final long firstReadNanos;
    private final long minStepNanos;
    private final double growth;

    private PollSchedule(long firstReadNanos, long minStepNanos, double growth) {
        this.firstReadNanos = firstReadNanos;
        this.minStepNanos = minStepNanos;
        this.growth = growth;
    }

    public static PollSchedule withoutHistory() {
        return new PollSchedule(MIN_STEP.toNanos(), MIN_STEP.toNanos(), GROWTH_WITHOUT_HISTORY);
    }

    public static PollSchedule expecting(Duration typicalLatency) {
        long typical = typicalLatency.toNanos();
        long floor = Math.max(FLOOR_WITH_HISTORY.toNanos(), Math.min(MIN_STEP.toNanos(), typical / 4));
        return new PollSchedule(Math.max(floor, typical), floor, GROWTH_WITH_HISTORY);
    }

    /** Nanoseconds after the request was sent at which to read next, given the time waited so far. */
    public long nextReadAfter(long waitedNanos) {
        if (waitedNanos < firstReadNanos) {
            return firstReadNanos;
        }
        long step = Math.max(minStepNanos, Math.min(MAX_STEP.toNanos(), (long) (waitedNanos * growth)));
        return waitedNanos + step;
    }
}
