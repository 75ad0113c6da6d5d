package dev.httptunnel.protocol;

import java.util.Objects;

/**
 * Either direction: something went wrong. With a request id it answers that request (the agent could
 * not relay it); without one it concerns the connection or the last message received.
 *
 * @param requestId the request this error answers; null when it answers no request
 * @param code one of a small fixed set
 * @param message a sentence for a human
 */
public record ErrorMessage(String requestId, ErrorCode code, String message) implements Message {
    static final String TYPE = "error";

    public ErrorMessage {
        if (requestId != null) {
            RequestIds.require(requestId);
        }
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    public static ErrorMessage forRequest(String requestId, ErrorCode code, String message) {
        return new ErrorMessage(requestId, code, message);
    }

    public static ErrorMessage general(ErrorCode code, String message) {
        return new ErrorMessage(null, code, message);
    }
}
