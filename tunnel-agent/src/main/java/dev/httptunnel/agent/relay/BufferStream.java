package dev.httptunnel.agent.relay;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response body as it arrives, the JDK client's lists of buffers, handed on one buffer at a time as a
 * request body publisher is read: so a body crosses the agent in flight, from a download into the local
 * request or from the local response into an upload, without ever being held whole. One buffer list is
 * asked for at a time, and only while the reader wants more, so a slow side slows the other instead of
 * filling memory. One reader only: a body arrives once.
 *
 * <p>{@link #discard()} lets go of the source whether or not a reader has it: the JDK client does not
 * cancel a request body it stops reading when the request fails or times out, so without it the source's
 * connection would stay open, unread.
 */
final class BufferStream implements Flow.Publisher<ByteBuffer> {

    private static final Flow.Subscription NOTHING = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final Flow.Publisher<List<ByteBuffer>> source;
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile Relay relay;
    private volatile Throwable sourceFailure;

    BufferStream(Flow.Publisher<List<ByteBuffer>> source) {
        this.source = source;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> reader) {
        if (!taken.compareAndSet(false, true)) {
            reader.onSubscribe(NOTHING);
            reader.onError(new IllegalStateException("a body in flight can be read once only"));
            return;
        }
        Relay started = new Relay(reader);
        relay = started;
        source.subscribe(started);
    }

    /** Lets go of the source, read or not: its connection is not left waiting. */
    void discard() {
        if (taken.compareAndSet(false, true)) {
            source.subscribe(new Relay(null));
            return;
        }
        Relay started = relay;
        if (started != null) {
            started.cancel();
        }
    }

    /** How the source failed, if it did: a reader's failure may only be its echo. */
    Throwable sourceFailure() {
        return sourceFailure;
    }

    /**
     * Whether the reader is waiting for the source right now: it wants bytes, none are here, the source has
     * not ended. When a transfer times out, this says which side was the slow one.
     */
    boolean waitingForSource() {
        Relay started = relay;
        return started != null && started.waitingForSource();
    }

    /** Subscribed to the source, and the reader's subscription; with no reader it cancels at once. */
    private final class Relay implements Flow.Subscriber<List<ByteBuffer>>, Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> reader;
        private final Queue<ByteBuffer> ready = new ConcurrentLinkedQueue<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger pendingDrains = new AtomicInteger();
        private final AtomicBoolean awaitingSource = new AtomicBoolean();
        private volatile Flow.Subscription sourceSubscription;
        private volatile boolean sourceDone;
        private volatile boolean cancelled;
        private volatile IllegalArgumentException badRequest;
        private volatile boolean waitingWhenCancelled;
        // Only read and written inside drain(), which one thread at a time runs.
        private boolean terminated;

        Relay(Flow.Subscriber<? super ByteBuffer> reader) {
            this.reader = reader;
        }

        /** Live until cancelled; after that, as it was when the reader (or a failure) cancelled. */
        boolean waitingForSource() {
            return cancelled ? waitingWhenCancelled : waitingNow();
        }

        private boolean waitingNow() {
            return !sourceDone && demand.get() > 0 && ready.isEmpty();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            sourceSubscription = subscription;
            if (reader == null || cancelled) {
                subscription.cancel();
            } else {
                reader.onSubscribe(this);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (buffer.hasRemaining()) {
                    ready.add(buffer);
                }
            }
            awaitingSource.set(false);
            drain();
        }

        @Override
        public void onError(Throwable throwable) {
            sourceFailure = throwable;
            sourceDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            sourceDone = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!cancelled) {
                    badRequest = new IllegalArgumentException("non-positive request: " + n);
                }
                cancel();
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                waitingWhenCancelled = waitingNow();
                cancelled = true;
                Flow.Subscription subscription = sourceSubscription;
                if (subscription != null) {
                    subscription.cancel();
                }
            }
            drain();
        }

        /**
         * Delivers what is ready and wanted, then asks the source for more or passes its end on. One thread
         * at a time runs the loop; a call that finds it running leaves one more pass to the running thread,
         * so a signal that arrives meanwhile, re-entrant ones included, is never lost. A reader or source
         * that throws ends the stream (the source cancelled) instead of wedging the loop.
         */
        private void drain() {
            if (reader == null || pendingDrains.getAndIncrement() != 0) {
                return;
            }
            do {
                if (terminated) {
                    ready.clear();
                    continue;
                }
                try {
                    pass();
                } catch (RuntimeException | Error thrown) {
                    terminated = true;
                    ready.clear();
                    cancelled = true;
                    sourceSubscription.cancel();
                }
            } while (pendingDrains.decrementAndGet() != 0);
        }

        /** One pass of {@link #drain()}. */
        private void pass() {
            if (badRequest != null) {
                terminated = true;
                ready.clear();
                reader.onError(badRequest);
                return;
            }
            if (cancelled) {
                terminated = true;
                ready.clear();
                return;
            }
            while (demand.get() > 0 && !ready.isEmpty() && !cancelled) {
                demand.decrementAndGet();
                reader.onNext(ready.poll());
            }
            // The source's end read before the queue: every buffer sent before the end is in it by then.
            boolean done = sourceDone;
            if (done && ready.isEmpty() && !cancelled) {
                terminated = true;
                Throwable failure = sourceFailure;
                if (failure != null) {
                    reader.onError(failure);
                } else {
                    reader.onComplete();
                }
            } else if (ready.isEmpty() && demand.get() > 0 && !cancelled
                    && awaitingSource.compareAndSet(false, true)) {
                sourceSubscription.request(1);
            }
        }
    }
}
