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

    void frameIn(int bytes) {
        largestFrameIn.accumulateAndGet(bytes, Math::max);
    }

    void messageIn(int frames) {
        messagesIn.incrementAndGet();
        mostFramesInOneMessageIn.accumulateAndGet(frames, Math::max);
    }

    void frameOut(int bytes) {
        largestFrameOut.accumulateAndGet(bytes, Math::max);
    }

    void messageOut(int frames) {
        messagesOut.incrementAndGet();
        mostFramesInOneMessageOut.accumulateAndGet(frames, Math::max);
    }

    public long messagesIn() {
        return messagesIn.get();
    }

    public long messagesOut() {
        return messagesOut.get();
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
