package dev.httptunnel.lambda.port;

import java.util.Optional;

/**
 * Where bodies too large for one WebSocket message wait, reachable by the agent through short-lived
 * URLs (S3 presigned URLs on AWS): the request body for the agent to download, the response body for
 * the agent to upload.
 */
public interface BodyStore {

    /** Stores a request body and returns a URL from which the agent can download it. */
    String putRequestBody(String requestId, byte[] body);

    /** A URL to which the agent can upload the response body of {@code requestId}. */
    String responseUploadUrl(String requestId);

    /**
     * Reads and deletes the uploaded response body; empty when nothing was uploaded.
     *
     * @throws BodyTooLargeException when it holds more than {@code maxBytes} (it is deleted all the same)
     */
    Optional<byte[]> takeResponseBody(String requestId, int maxBytes);

    /**
     * Deletes the request body once the agent has answered or the deadline has passed; idempotent, and
     * never throws: a failed clean-up must not replace the caller's answer.
     */
    void discardRequestBody(String requestId);
}
