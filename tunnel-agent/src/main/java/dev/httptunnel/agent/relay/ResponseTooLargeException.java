package dev.httptunnel.agent.relay;

/** The local service's response body exceeds what one tunnel message can carry. */
final class ResponseTooLargeException extends RuntimeException {

    private final long limit;

    ResponseTooLargeException(long limit) {
        super("response body exceeds " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
