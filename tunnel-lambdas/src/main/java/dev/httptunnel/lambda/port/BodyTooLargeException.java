package dev.httptunnel.lambda.port;

/** A body larger than the tunnel can carry. */
public final class BodyTooLargeException extends RuntimeException {

    private final long size;
    private final long limit;

    public BodyTooLargeException(long size, long limit) {
        super("body of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
