package dev.httptunnel.lambda.service;

import java.time.Duration;

/**
 * When the forwarding handler reads the pending request while it waits for the agent.
 *
 * <p>Cost model (arm64, 512 MB): a strongly consistent read costs $0.125 per million, a second of
 * waiting about $6.7 per million. So the handler should read often near the moment the answer is
 * likely to arrive and rarely elsewhere. With no history it starts after {@link #MIN_STEP} and reads
 * at intervals of a fifth of the time waited so far (the answer is noticed at most ~20% late),
 * between {@link #MIN_STEP} and {@link #MAX_STEP}. With a tunnel's typical latency known, the first
 * read waits until {@link #FIRST_READ_SHARE} of it: a tunnel whose app answers in 100 ms costs about
 * two or three reads instead of a dozen.
 */
public final class PollSchedule {

    static final Duration MIN_STEP = Duration.ofMillis(1);
    static final Duration MAX_STEP = Duration.ofMillis(100);
    static final double GROWTH = 0.2;
    static final double FIRST_READ_SHARE = 0.8;

    private final long firstReadNanos;

    private PollSchedule(long firstReadNanos) {
        this.firstReadNanos = firstReadNanos;
    }

    public static PollSchedule withoutHistory() {
        return new PollSchedule(MIN_STEP.toNanos());
    }

    public static PollSchedule expecting(Duration typicalLatency) {
        long planned = (long) (typicalLatency.toNanos() * FIRST_READ_SHARE);
        return new PollSchedule(Math.max(MIN_STEP.toNanos(), planned));
    }

    /** Nanoseconds after the request was sent at which to read next, given the time waited so far. */
    public long nextReadAfter(long waitedNanos) {
        if (waitedNanos < firstReadNanos) {
            return firstReadNanos;
        }
        long step = Math.max(MIN_STEP.toNanos(), Math.min(MAX_STEP.toNanos(), (long) (waitedNanos * GROWTH)));
        return waitedNanos + step;
    }
}
