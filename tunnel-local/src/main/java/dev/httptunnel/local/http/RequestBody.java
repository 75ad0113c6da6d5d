package dev.httptunnel.local.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a public request's body as its bytes arrive, holding no thread while a client is slow: each pass
 * takes what Jetty has buffered, then asks to be called back when more comes ({@code demand}). The body
 * must arrive whole before a deadline. One limit holds for every framing: a {@code Content-Length} body
 * and a chunked one are both cut off at the first byte beyond it.
 *
 * <p>Once the body is over the limit, reading goes on and drops what arrives, up to a bound and until the
 * deadline, so that the client still sending does not have its connection reset before it reads the
 * refusal.
 */
final class RequestBody implements Runnable {

    /** What became of the body; exactly one is delivered. */
    sealed interface Outcome {
    }

    record Received(byte[] bytes) implements Outcome {
    }

    /** The body exceeds the limit; what follows is dropped, and {@code drained} runs when that ends. */
    record TooLarge() implements Outcome {
    }

    /** The deadline passed, or Jetty's idle timeout did, before the body was whole. */
    record TimedOut() implements Outcome {
    }

    /** The connection failed while the body was arriving. */
    record Broken(Throwable cause) implements Outcome {
    }

    private final Request request;
    private final long limit;
    private final long dropAtMost;
    private final Consumer<Outcome> onOutcome;
    private final Runnable drained;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Scheduler.Task deadline;
    private byte[] bytes;
    private int size;
    private long dropped;
    private boolean dropping;

    private RequestBody(Request request, long limit, long dropAtMost, Consumer<Outcome> onOutcome, Runnable drained) {
        this.request = request;
        this.limit = limit;
        this.dropAtMost = dropAtMost;
        this.onOutcome = onOutcome;
        this.drained = drained;
    }

    /**
     * Reads the body, delivering one {@link Outcome} to {@code onOutcome} (on a Jetty thread, or the
     * deadline's); after {@link TooLarge}, {@code drained} runs once the dropped rest has ended, reached
     * {@code dropAtMost} bytes or met the deadline.
     */
    static void read(Request request, long limit, long dropAtMost, Duration timeout, Consumer<Outcome> onOutcome,
                     Runnable drained) {
        RequestBody body = new RequestBody(request, limit, dropAtMost, onOutcome, drained);
        long announced = request.getLength();
        body.bytes = new byte[(int) Math.min(announced >= 0 ? announced : 8192, Math.min(limit, 64 * 1024))];
        body.start(timeout);
    }

    /** Drops the body without keeping any of it: {@link TooLarge} at once, then {@code drained} as above. */
    static void refuse(Request request, long dropAtMost, Duration timeout, Runnable tooLarge, Runnable drained) {
        RequestBody body = new RequestBody(request, -1, dropAtMost, outcome -> tooLarge.run(), drained);
        body.bytes = new byte[0];
        body.dropping = true;
        body.settle(new TooLarge());
        body.start(timeout);
    }

    private void start(Duration timeout) {
        Scheduler scheduler = request.getComponents().getScheduler();
        deadline = scheduler.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        run();
    }

    /** One pass over what has arrived; Jetty calls it again when more does. */
    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable cause = chunk.getFailure();
                end(cause instanceof TimeoutException ? new TimedOut() : new Broken(cause));
                return;
            }
            int n = chunk.remaining();
            if (dropping) {
                dropped += n;
            } else if ((long) size + n > limit) {
                dropping = true;
                dropped = size + (long) n;
                bytes = null;
                settle(new TooLarge());
            } else {
                if (size + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + n, 2L * bytes.length)));
                }
                chunk.getByteBuffer().get(bytes, size, n);
                size += n;
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last || dropping && dropped > dropAtMost) {
                end(dropping ? null : new Received(size == bytes.length ? bytes : Arrays.copyOf(bytes, size)));
                return;
            }
        }
    }

    private void expire() {
        end(new TimedOut());
    }

    /**
     * Stops reading and delivers {@code outcome}; when {@link TooLarge} was delivered before (the only
     * outcome delivered while reading goes on), the dropping has ended instead.
     */
    private void end(Outcome outcome) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Scheduler.Task task = deadline;
        if (task != null) {
            task.cancel();
        }
        if (outcome == null || !settle(outcome)) {
            drained.run();
        }
    }

    private boolean settle(Outcome outcome) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        onOutcome.accept(outcome);
        return true;
    }
}
