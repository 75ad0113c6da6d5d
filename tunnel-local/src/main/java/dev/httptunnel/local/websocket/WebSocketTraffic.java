package dev.httptunnel.local.websocket;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What crossed the WebSocket API, frame by frame: enough to show that large messages travel as several
 * frames within the quota in each direction.
 */
public final class WebSocketTraffic {

    /** API Gateway bills WebSocket messages in 32 KB increments. */
    static final int METERING_BYTES = 32 * 1024;

    /** The counters of one direction. */
    public static final class Direction {
        private final AtomicLong messages = new AtomicLong();
        private final AtomicLong frames = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong meteredUnits = new AtomicLong();
        private final AtomicInteger largestFrame = new AtomicInteger();
        private final AtomicInteger mostFramesInOneMessage = new AtomicInteger();

        void frame(int frameBytes) {
            largestFrame.accumulateAndGet(frameBytes, Math::max);
        }

        void message(int frameCount, long messageBytes) {
            messages.incrementAndGet();
            frames.addAndGet(frameCount);
            bytes.addAndGet(messageBytes);
            meteredUnits.addAndGet(meteredUnitsOf(messageBytes));
            mostFramesInOneMessage.accumulateAndGet(frameCount, Math::max);
        }

        public long messages() {
            return messages.get();
        }

        public long frames() {
            return frames.get();
        }

        /** Payload bytes of every message. */
        public long bytes() {
            return bytes.get();
        }

        /** The messages counted as API Gateway bills them: in 32 KB units. */
        public long meteredUnits() {
            return meteredUnits.get();
        }

        /** Payload bytes of the largest text frame. */
        public int largestFrame() {
            return largestFrame.get();
        }

        public int mostFramesInOneMessage() {
            return mostFramesInOneMessage.get();
        }
    }

    private final Direction in = new Direction();
    private final Direction out = new Direction();

    /** What clients (agents) sent. */
    public Direction in() {
        return in;
    }

    /** What the gateway sent to clients. */
    public Direction out() {
        return out;
    }

    /** Billable 32 KB units of one message: at least one, one more per started 32 KB. */
    static long meteredUnitsOf(long bytes) {
        return Math.max(1, (bytes + METERING_BYTES - 1) / METERING_BYTES);
    }
}
