package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Waits for the agent's answer by reading the pending request on a {@link PollSchedule}. */
public final class AnswerPoller {

    private final PendingRequestStore pendingRequests;

    public AnswerPoller(PendingRequestStore pendingRequests) {
        this.pendingRequests = pendingRequests;
    }

    /**
     * The answer, or empty when none arrived before {@code deadlineNanos} (a {@link System#nanoTime()}
     * value). {@code sentNanos} is when the request went to the agent.
     */
    public Optional<String> await(String requestId, PollSchedule schedule, long sentNanos, long deadlineNanos) {
        long now = System.nanoTime();
        while (true) {
            long nextRead = Math.min(sentNanos + schedule.nextReadAfter(now - sentNanos), deadlineNanos);
            sleepUntil(nextRead);
            Optional<String> answer = pendingRequests.find(requestId).flatMap(PendingRequest::answer);
            if (answer.isPresent()) {
                return answer;
            }
            now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return Optional.empty();
            }
        }
    }

    private static void sleepUntil(long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
