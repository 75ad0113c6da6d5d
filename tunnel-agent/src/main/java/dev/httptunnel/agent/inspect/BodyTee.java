package dev.httptunnel.agent.inspect;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The first bytes of a streaming body, up to the cap, copied as the buffers go by; the rest is only
 * counted, so a large body costs the inspector its cap and no more.
 */
final class BodyTee {

    private final int cap;
    private byte[] kept = new byte[0]; // guarded by this
    private int keptLength; // guarded by this
    private long seen; // guarded by this

    BodyTee(int cap) {
        this.cap = cap;
    }

    synchronized void accept(ByteBuffer chunk) {
        int length = chunk.remaining();
        int room = cap - keptLength;
        if (room > 0 && length > 0) {
            int copied = Math.min(room, length);
            if (keptLength + copied > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(cap, Math.max(keptLength + copied, kept.length * 2)));
            }
            chunk.duplicate().get(kept, keptLength, copied);
            keptLength += copied;
        }
        seen += length;
    }

    /** What was kept, sized {@code size} when the relay knows the body's real size, else what went by. */
    synchronized CapturedBody body(long size) {
        return new CapturedBody(Arrays.copyOf(kept, keptLength), Math.max(Math.max(size, seen), keptLength));
    }

    synchronized long keptBytes() {
        return keptLength;
    }
}
