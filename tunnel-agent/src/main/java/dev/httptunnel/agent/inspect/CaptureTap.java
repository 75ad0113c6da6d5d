package dev.httptunnel.agent.inspect;

import dev.httptunnel.agent.relay.RelayOutcome;
import dev.httptunnel.agent.relay.RelayTap;
import dev.httptunnel.protocol.TunnelRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request's tap: it notes the times and tees what streams, then hands the request and its answer to
 * the writer. Nothing here decodes, copies an inline body or waits: that is the writer's work.
 */
final class CaptureTap implements RelayTap {

    private static final long NOT_REACHED = -1;

    private final CaptureWriter writer;
    private final TunnelRequest request;
    private final long receivedAtNanos;
    private final Instant receivedAt;
    private final String tunnel;
    private final String replayOf;
    private final int cap;
    private final CompletableFuture<Capture> stored;
    private volatile long sentToAppNanos = NOT_REACHED;
    private volatile long firstByteNanos = NOT_REACHED;
    private final BodyTee requestTee;
    private final BodyTee responseTee;

    CaptureTap(CaptureWriter writer, TunnelRequest request, long receivedAtNanos, String tunnel, String replayOf,
               int cap, CompletableFuture<Capture> stored) {
        this.writer = writer;
        this.request = request;
        this.receivedAtNanos = receivedAtNanos;
        this.receivedAt = Instant.now();
        this.tunnel = tunnel;
        this.replayOf = replayOf;
        this.cap = cap;
        this.stored = stored;
        this.requestTee = new BodyTee(cap);
        this.responseTee = new BodyTee(cap);
    }

    @Override
    public void sentToApp() {
        sentToAppNanos = System.nanoTime();
    }

    @Override
    public void responseStarted() {
        firstByteNanos = System.nanoTime();
    }

    @Override
    public void requestBody(ByteBuffer chunk) {
        requestTee.accept(chunk);
    }

    @Override
    public void responseBody(ByteBuffer chunk) {
        responseTee.accept(chunk);
    }

    @Override
    public void answered(RelayOutcome outcome) {
        long done = System.nanoTime();
        Answered answered = new Answered(request, outcome, receivedAt, tunnel, replayOf, cap, requestTee, responseTee,
                new Timings(micros(sentToAppNanos), micros(firstByteNanos), micros(done)));
        if (!writer.submit(answered, stored) && stored != null) {
            stored.completeExceptionally(new IllegalStateException("the inspector is behind and dropped this capture"));
        }
    }

    private long micros(long atNanos) {
        return atNanos == NOT_REACHED ? NOT_REACHED : TimeUnit.NANOSECONDS.toMicros(atNanos - receivedAtNanos);
    }
}
