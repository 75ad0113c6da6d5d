package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for the agent's answer by reading the pending request on a {@link PollSchedule}, or sooner when the
 * store signals the answer (see {@link PendingRequestStore#awaitAnswer}); a store that always does
 * ({@link PendingRequestStore#signalsAnswers}) is read only when woken or at the deadline.
 */
public final class AnswerPoller {

    private final PendingRequestStore pendingRequests;

    public AnswerPoller(PendingRequestStore pendingRequests) {
        this.pendingRequests = pendingRequests;
    }

    /** The agent's answer and when the response function recorded it. */
    public record Answer(String json, Instant answeredAt) {
    }

    /**
     * The answer, or empty when none arrived before {@code deadlineNanos} (a {@link System#nanoTime()}
     * value). {@code sentNanos} is when the request went to the agent.
     */
    public Optional<Answer> await(String requestId, PollSchedule schedule, long sentNanos, long deadlineNanos) {
        long now = System.nanoTime();
        while (true) {
            long nextRead = pendingRequests.signalsAnswers() ? deadlineNanos
                    : Math.min(sentNanos + schedule.nextReadAfter(now - sentNanos), deadlineNanos);
            pendingRequests.awaitAnswer(requestId, nextRead);
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            Optional<PendingRequest> read = pendingRequests.find(requestId);
            if (read.isPresent() && read.get().answer().isPresent()) {
                PendingRequest answered = read.get();
                return Optional.of(new Answer(answered.answer().get(), answered.answeredAt().orElseThrow()));
            }
            now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return Optional.empty();
            }
        }
    }
}
