package dev.httptunnel.lambda.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a request for a name that some token holds, but that no live connection serves (its agent restarting,
 * a network blip, a rotation), waits for the name to come back: up to {@code holdTime}, looking for a
 * connection every {@link #POLL_INTERVAL}. A name nobody holds is never waited for.
 *
 * <p>Each held request keeps its function running, and billed, for the whole hold, plus one index query per
 * poll: so the hold is bounded by {@link #MAX_HOLD_TIME} and by a share of the deadline, and a warm instance
 * that has just held a request in vain answers the next ones for that name at once (see
 * {@link TunnelDirectory#markOffline}).
 *
 * @param holderOf the hash of the token holding a name, if one does (the tokens table's name item)
 * @param holdTime how long a request waits for its name; zero waits not at all
 */
public record OfflineHold(Function<String, Optional<String>> holderOf, Duration holdTime) {

    public static final Duration DEFAULT_HOLD_TIME = Duration.ofSeconds(10);

    /** The longest hold an owner may set: held requests cost billed wait, and the deadline needs a margin. */
    public static final Duration MAX_HOLD_TIME = Duration.ofSeconds(20);

    /** Index queries are cheap next to the billed wait, so a returning agent is noticed soon. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    /** A hold never takes more of the deadline than this, leaving the rest for the agent's answer. */
    static final double MAX_SHARE_OF_DEADLINE = 0.75;

    public OfflineHold {
        Objects.requireNonNull(holderOf, "holderOf");
        Objects.requireNonNull(holdTime, "holdTime");
        if (holdTime.isNegative() || holdTime.compareTo(MAX_HOLD_TIME) > 0) {
            throw new IllegalArgumentException("the offline hold must be between 0 and " + MAX_HOLD_TIME.toSeconds()
                    + " s: " + holdTime);
        }
    }

    /** No name is held: a request finding no connection is answered at once (404). */
    public static OfflineHold none() {
        return new OfflineHold(name -> Optional.empty(), Duration.ZERO);
    }

    /** How long a request may be held, given the forwarding deadline. */
    public Duration within(Duration deadline) {
        Duration share = Duration.ofNanos((long) (deadline.toNanos() * MAX_SHARE_OF_DEADLINE));
        return holdTime.compareTo(share) < 0 ? holdTime : share;
    }

    /** The {@code Retry-After} of a "tunnel offline" answer: a retry sooner than one hold is held again. */
    public long retryAfterSeconds() {
        return Math.max(1, (holdTime.toMillis() + 999) / 1000);
    }
}
