package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Waits for the agent's answer by reading the pending request on a {@link PollSchedule}, or sooner when the
 * store signals the answer (see {@link PendingRequestStore#awaitAnswer}); a store that always does
 * ({@link PendingRequestStore#signalsAnswers}) is read only when woken, at the deadline, and when the
 * connection is checked.
 *
 * <p>While it waits it checks every {@link #CONNECTION_CHECK_INTERVAL} that the request's connection still
 * exists, so that a caller whose agent died is told within about that time rather than at the deadline.
 * An answer is usually back before the first check, so most requests cost no check at all.
 */
public final class AnswerPoller {

    static final Duration CONNECTION_CHECK_INTERVAL = Duration.ofMillis(500);

    /**
     * How long a wait goes on once the connection is gone: its route may still be recording what the agent
     * sent just before it left (the answer, or, from a closing connection, a request passed on unrelayed
     * through its successor), as {@code $disconnect} and {@code $default} run side by side.
     */
    static final Duration GONE_GRACE = Duration.ofMillis(250);

    private final PendingRequestStore pendingRequests;

    public AnswerPoller(PendingRequestStore pendingRequests) {
        this.pendingRequests = pendingRequests;
    }

    /** The agent's answer and when the response function recorded it. */
    public record Answer(String json, Instant answeredAt) {
    }

    /** How a wait ended: with an answer, or without one because the connection is gone or time ran out. */
    public record Outcome(Optional<Answer> answer, boolean connectionLost) {

        static Outcome answered(Answer answer) {
            return new Outcome(Optional.of(answer), false);
        }

        static final Outcome TIMED_OUT = new Outcome(Optional.empty(), false);
        static final Outcome CONNECTION_LOST = new Outcome(Optional.empty(), true);
    }

    /**
     * The answer, or empty when none arrived before {@code deadlineNanos} (a {@link System#nanoTime()}
     * value). {@code sentNanos} is when the request went to the agent.
     */
    public Optional<Answer> await(String requestId, PollSchedule schedule, long sentNanos, long deadlineNanos) {
        return await(requestId, schedule, sentNanos, deadlineNanos, () -> true).answer();
    }

    /**
     * As {@link #await(String, PollSchedule, long, long)}, also ending when {@code connectionExists} says the
     * request's connection is gone (after {@link #GONE_GRACE} and one last read: the agent may have answered
     * just before it left).
     */
    public Outcome await(String requestId, PollSchedule schedule, long sentNanos, long deadlineNanos,
                         BooleanSupplier connectionExists) {
        long checkEvery = CONNECTION_CHECK_INTERVAL.toNanos();
        long nextCheck = sentNanos + checkEvery;
        long now = System.nanoTime();
        while (true) {
            long nextRead = pendingRequests.signalsAnswers() ? deadlineNanos
                    : Math.min(sentNanos + schedule.nextReadAfter(now - sentNanos), deadlineNanos);
            pendingRequests.awaitAnswer(requestId, Math.min(nextRead, nextCheck));
            if (Thread.currentThread().isInterrupted()) {
                return Outcome.TIMED_OUT;
            }
            Optional<Answer> answer = read(requestId);
            if (answer.isPresent()) {
                return Outcome.answered(answer.get());
            }
            now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return Outcome.TIMED_OUT;
            }
            if (now - nextCheck >= 0) {
                if (!connectionExists.getAsBoolean()) {
                    pendingRequests.awaitAnswer(requestId, Math.min(now + GONE_GRACE.toNanos(), deadlineNanos));
                    return read(requestId).map(Outcome::answered).orElse(Outcome.CONNECTION_LOST);
                }
                nextCheck = now + checkEvery;
            }
        }
    }

    private Optional<Answer> read(String requestId) {
        Optional<PendingRequest> read = pendingRequests.find(requestId);
        if (read.isPresent() && read.get().answer().isPresent()) {
            PendingRequest answered = read.get();
            return Optional.of(new Answer(answered.answer().get(), answered.answeredAt().orElseThrow()));
        }
        return Optional.empty();
    }
}
