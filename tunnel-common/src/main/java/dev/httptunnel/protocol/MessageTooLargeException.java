package dev.httptunnel.protocol;

/** A message over API Gateway's WebSocket message limit. */
public final class MessageTooLargeException extends ProtocolException {

    private final int size;
    private final int limit;

    public MessageTooLargeException(int size, int limit) {
        super("message exceeds " + limit + " bytes: " + size, null);
        this.size = size;
        this.limit = limit;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
