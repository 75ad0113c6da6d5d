package dev.httptunnel.local;

import java.util.function.LongSupplier;

/**
 * API Gateway's stage throttle: the token bucket algorithm, one token per request or message, refilled at
 * the steady rate up to the burst. What finds the bucket empty is refused at once, as AWS refuses it with
 * {@code 429 Too Many Requests}; nothing waits for a token.
 */
public final class StageThrottle {

    private final double tokensPerNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    public StageThrottle(GatewaySettings.Throttle throttle) {
        this(throttle, System::nanoTime);
    }

    StageThrottle(GatewaySettings.Throttle throttle, LongSupplier nanoTime) {
        this.tokensPerNano = throttle.ratePerSecond() / 1e9;
        this.burst = throttle.burst();
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes a token if one is left; false means the request is throttled. */
    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
