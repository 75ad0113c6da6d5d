package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Where public requests wait for the agent's answer. Reads never return a row past its {@code expiresAt}. */
public interface PendingRequestStore {

    void create(PendingRequest request);

    /**
     * Records the answer only if the request exists, is unanswered, was sent to {@code connectionId} and
     * its deadline has not passed; never creates a row. False when refused.
     */
    boolean answer(String requestId, String connectionId, String answerJson, Instant now);

    /**
     * Records an agent's {@code connection_retired} answer sent by another connection of the request's
     * tunnel (the one it was posted to had begun to close and could not send it), on the same terms as
     * {@link #answer} otherwise. Every connection of a tunnel is its name's token's.
     */
    boolean passOn(String requestId, String tunnelId, String answerJson, Instant now);

    /** The request by id, with a strongly consistent read. */
    Optional<PendingRequest> find(String requestId);

    /**
     * Returns at {@code nanoTime} (a {@link System#nanoTime()} value), on interrupt, or earlier when this
     * store can tell that the request has been answered. DynamoDB cannot tell a reader, so by default this
     * just sleeps and the caller reads on its schedule; a store in this process can wake the caller.
     */
    default void awaitAnswer(String requestId, long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(remaining);
        }
    }

    /**
     * Says the forwarding handler will not read {@code requestId} again: its answer was read, or it gave up
     * waiting. DynamoDB's TTL deletes the row later at no cost, where a delete would cost a write, so by
     * default nothing happens; a store in memory drops the row at once instead of holding every answer
     * until the row expires (under load, a heap of answers that the garbage collector keeps copying).
     * An answer arriving afterwards is refused, as one past the deadline is.
     */
    default void forget(String requestId) {
    }

    /**
     * True when {@link #awaitAnswer} returns as soon as the request is answered, so a reader need not read
     * on a schedule: one wait until its deadline does (one wake-up per request instead of one per read).
     */
    default boolean signalsAnswers() {
        return false;
    }
}
