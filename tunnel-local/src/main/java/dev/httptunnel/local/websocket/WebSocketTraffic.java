package dev.httptunnel.local.websocket;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What crossed the WebSocket API, frame by frame: enough to show that large messages travel as several
 * frames within the quota in each direction.
 */
public final class WebSocketTraffic {

    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicInteger largestFrameIn = new AtomicInteger();
    private final AtomicInteger largestFrameOut = new AtomicInteger();
    private final AtomicInteger mostFramesInOneMessageIn = new AtomicInteger();
    private final AtomicInteger mostFramesInOneMessageOut = new AtomicInteger();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong meteredUnitsIn = new AtomicLong();
    private final AtomicLong meteredUnitsOut = new AtomicLong();

    /** API Gateway bills WebSocket messages in 32 KB increments. */
    static final int METERING_BYTES = 32 * 1024;

    void frameIn(int bytes) {
        largestFrameIn.accumulateAndGet(bytes, Math::max);
    }

    void messageIn(int frames, long bytes) {
        messagesIn.incrementAndGet();
        framesIn.addAndGet(frames);
        bytesIn.addAndGet(bytes);
        meteredUnitsIn.addAndGet(meteredUnits(bytes));
        mostFramesInOneMessageIn.accumulateAndGet(frames, Math::max);
    }

    void frameOut(int bytes) {
        largestFrameOut.accumulateAndGet(bytes, Math::max);
    }

    void messageOut(int frames, long bytes) {
        messagesOut.incrementAndGet();
        framesOut.addAndGet(frames);
        bytesOut.addAndGet(bytes);
        meteredUnitsOut.addAndGet(meteredUnits(bytes));
        mostFramesInOneMessageOut.accumulateAndGet(frames, Math::max);
    }

    public long messagesIn() {
        return messagesIn.get();
    }

    public long messagesOut() {
        return messagesOut.get();
    }

    /** Billable 32 KB units of one message: at least one, one more per started 32 KB. */
    static long meteredUnits(long bytes) {
        return Math.max(1, (bytes + METERING_BYTES - 1) / METERING_BYTES);
    }

    public long framesIn() {
        return framesIn.get();
    }

    public long framesOut() {
        return framesOut.get();
    }

    /** Payload bytes of every message a client sent. */
    public long bytesIn() {
        return bytesIn.get();
    }

    public long bytesOut() {
        return bytesOut.get();
    }

    /** The messages clients sent, counted as API Gateway bills them: in 32 KB units. */
    public long meteredUnitsIn() {
        return meteredUnitsIn.get();
    }

    public long meteredUnitsOut() {
        return meteredUnitsOut.get();
    }

    /** Payload bytes of the largest text frame a client sent. */
    public int largestFrameIn() {
        return largestFrameIn.get();
    }

    public int largestFrameOut() {
        return largestFrameOut.get();
    }

    public int mostFramesInOneMessageIn() {
        return mostFramesInOneMessageIn.get();
    }

    public int mostFramesInOneMessageOut() {
        return mostFramesInOneMessageOut.get();
    }
}
