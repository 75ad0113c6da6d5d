package dev.httptunnel.agent.connection;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": the n-th delay lies in [c/2, c] where
 * c = min(max, base * 2^n). Half of it is random so agents cut off together do not reconnect together;
 * the other half keeps the delay growing.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive: " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max must be at least the base " + base + ": " + max);
        }
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the ceiling until it reaches the max. */
    public synchronized Duration next() {
        long ceiling = attempt >= 62 ? maxMillis : Math.min(maxMillis, baseMillis << Math.min(attempt, 30));
        attempt++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half + 1)));
    }

    /** Called once a connection is established: the next failure starts again from the base. */
    public synchronized void reset() {
        attempt = 0;
    }
}
