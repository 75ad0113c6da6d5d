package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Optional;

/** Where public requests wait for the agent's answer. Reads never return a row past its {@code expiresAt}. */
public interface PendingRequestStore {

    void create(PendingRequest request);

    /**
     * Records the answer only if the request exists, is unanswered, was sent to {@code connectionId} and
     * its deadline has not passed; never creates a row. False when refused.
     */
    boolean answer(String requestId, String connectionId, String answerJson, Instant now);

    /** The request by id, with a strongly consistent read. */
    Optional<PendingRequest> find(String requestId);
}
