package dev.httptunnel.agent.relay;

/** A body over the limit the agent reads; the agent stopped reading it at the limit. */
final class OversizedBodyException extends RuntimeException {

    private final long size;
    private final long limit;

    /** @param size the body's announced size, or -1 when it was not announced (only "over the limit" is known) */
    OversizedBodyException(long size, long limit) {
        super(size >= 0 ? "body of " + size + " bytes exceeds " + limit + " bytes" : "body exceeds " + limit + " bytes",
                null, false, false);
        this.size = size;
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** "4500001 bytes" or "over 4500000 bytes" when the size was not announced. */
    String describeSize() {
        return size >= 0 ? size + " bytes" : "over " + limit + " bytes";
    }
}
