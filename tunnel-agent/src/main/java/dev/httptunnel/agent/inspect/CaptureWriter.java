package dev.httptunnel.agent.inspect;

import dev.httptunnel.protocol.WireText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that turns answered requests into captures: it decodes, stores, writes to disk and
 * tells the page, so the relay only ever offers to a queue. A full queue drops the capture (and counts
 * it) instead of making the relay wait.
 */
final class CaptureWriter implements AutoCloseable {

    /**
     * Captures waiting for the writer, at most: seconds of a busy tunnel, so a writer starved of CPU for a
     * moment (a loaded machine) catches up instead of dropping.
     */
    static final int QUEUE_CAPACITY = 16_384;
    /** Bodies the waiting captures hold, at most; beyond, captures are dropped until the writer catches up. */
    static final long MAX_QUEUED_BYTES = 64L << 20;
    static final long CLOSE_CHECK_MILLIS = 200;
    static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Captures stored in one go, at most. */
    static final int MAX_BATCH = 256;

    /** @param heldBytes counted once, when queued: a late buffer of a stream let go of may still be teed */
    private record Job(Answered answered, CompletableFuture<Capture> stored, long heldBytes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);

    private final CaptureStore store;
    private final Consumer<Capture> published;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    CaptureWriter(CaptureStore store, Consumer<Capture> published) {
        this.store = store;
        this.published = published;
        this.thread = new Thread(this::run, "tunnel-inspector");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code answered} without waiting; false when it was dropped. */
    boolean submit(Answered answered, CompletableFuture<Capture> stored) {
        long held = answered.heldBytes();
        if (closed || queuedBytes.addAndGet(held) > MAX_QUEUED_BYTES
                || !queue.offer(new Job(answered, stored, held))) {
            queuedBytes.addAndGet(-held);
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Captures dropped because the writer was behind. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Takes what has gathered in one go, so a burst is stored (and written to disk) as one batch; once
     * closed, stores what is still queued and stops.
     */
    private void run() {
        List<Job> jobs = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            jobs.clear();
            try {
                // A poll, not an interrupt, wakes the writer to close: an interrupt would break a file write.
                Job first = queue.poll(CLOSE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                jobs.add(first);
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(jobs, MAX_BATCH - 1);
            List<Job> captured = new ArrayList<>(jobs.size());
            List<Capture> captures = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                queuedBytes.addAndGet(-job.heldBytes());
                try {
                    captures.add(job.answered().toCapture("0"));
                    captured.add(job);
                } catch (RuntimeException e) {
                    LOG.warn("Could not capture {} {}: {}", job.answered().request().method(),
                            WireText.quote(job.answered().request().path()), e.toString());
                    if (job.stored() != null) {
                        job.stored().completeExceptionally(e);
                    }
                }
            }
            List<Capture> stored;
            try {
                stored = store.addAll(captures);
            } catch (RuntimeException e) {
                LOG.warn("Could not store {} captures: {}", captures.size(), e.toString());
                captured.forEach(job -> {
                    if (job.stored() != null) {
                        job.stored().completeExceptionally(e);
                    }
                });
                continue;
            }
            for (int i = 0; i < stored.size(); i++) {
                published.accept(stored.get(i));
                CompletableFuture<Capture> waiting = captured.get(i).stored();
                if (waiting != null) {
                    waiting.complete(stored.get(i));
                }
            }
        }
    }

    /** Stores what was queued before, then stops; waits for that at most {@link #CLOSE_WAIT_MILLIS}. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
