package dev.httptunnel.lambda.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A public request sent to an agent and waiting for its answer.
 *
 * @param connectionId the only connection whose answer is accepted
 * @param deadline answers arriving after this are refused (the caller has had its 504)
 * @param expiresAt when the row may be deleted (DynamoDB TTL); reads treat it as absent after this
 * @param answer the agent's {@code http_response} or {@code error} message as received, once answered
 * @param answeredAt when the answer was recorded, once answered
 */
public record PendingRequest(String requestId, String connectionId, String tunnelId, Instant createdAt,
                             Instant deadline, Instant expiresAt, Optional<String> answer,
                             Optional<Instant> answeredAt) {

    public PendingRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(tunnelId, "tunnelId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }

    public static PendingRequest waiting(String requestId, String connectionId, String tunnelId, Instant createdAt,
                                         Instant deadline, Instant expiresAt) {
        return new PendingRequest(requestId, connectionId, tunnelId, createdAt, deadline, expiresAt,
                Optional.empty(), Optional.empty());
    }

    public PendingRequest answered(String answerJson, Instant at) {
        return new PendingRequest(requestId, connectionId, tunnelId, createdAt, deadline, expiresAt,
                Optional.of(answerJson), Optional.of(at));
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether an answer from {@code fromConnection} arriving at {@code now} may be recorded. */
    public boolean acceptsAnswer(String fromConnection, Instant now) {
        return answer.isEmpty() && connectionId.equals(fromConnection) && now.isBefore(deadline);
    }

    /** Whether a request passed on by a connection of {@code ofTunnel} arriving at {@code now} may be recorded. */
    public boolean acceptsPassOn(String ofTunnel, Instant now) {
        return answer.isEmpty() && tunnelId.equals(ofTunnel) && now.isBefore(deadline);
    }
}
