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
 * filling memory. One subscriber only: a body arrives once.
 */
final class BufferStream implements Flow.Publisher<ByteBuffer> {

    private final Flow.Publisher<List<ByteBuffer>> source;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Throwable sourceFailure;

    BufferStream(Flow.Publisher<List<ByteBuffer>> source) {
        this.source = source;
    }

    /** How the source failed, if it did: a reader's failure may only be its echo. */
    Throwable sourceFailure() {
        return sourceFailure;
    }

    /** Lets go of the source unread, unless a reader has it already: its connection is not left waiting. */
    void discard() {
        if (subscribed.compareAndSet(false, true)) {
            source.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.cancel();
                }

                @Override
                public void onNext(List<ByteBuffer> item) {
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> reader) {
        if (!subscribed.compareAndSet(false, true)) {
            reader.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            reader.onError(new IllegalStateException("a body in flight can be read once only"));
            return;
        }
        source.subscribe(new Relay(reader));
    }

    /** Subscribed to the source, and the reader's subscription. */
    private final class Relay implements Flow.Subscriber<List<ByteBuffer>>, Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> reader;
        private final Queue<ByteBuffer> ready = new ConcurrentLinkedQueue<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger pendingDrains = new AtomicInteger();
        private final AtomicBoolean awaitingSource = new AtomicBoolean();
        private volatile Flow.Subscription sourceSubscription;
        private volatile boolean sourceDone;
        private volatile Throwable failure;
        private volatile boolean cancelled;
        private boolean terminated;

        Relay(Flow.Subscriber<? super ByteBuffer> reader) {
            this.reader = reader;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            sourceSubscription = subscription;
            reader.onSubscribe(this);
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
            failure = throwable;
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
                failure = new IllegalArgumentException("non-positive request: " + n);
                cancelled = true;
                sourceSubscription.cancel();
            } else {
                demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            sourceSubscription.cancel();
            drain();
        }

        /**
         * Delivers what is ready and wanted, then asks the source for more or passes its end on. One thread
         * at a time runs the loop; a call that finds it running leaves one more pass to the running thread,
         * so a signal that arrives meanwhile, re-entrant ones included, is never lost.
         */
        private void drain() {
            if (pendingDrains.getAndIncrement() != 0) {
                return;
            }
            do {
                if (terminated) {
                    ready.clear();
                    continue;
                }
                if (cancelled) {
                    ready.clear();
                    if (failure instanceof IllegalArgumentException) {
                        terminated = true;
                        reader.onError(failure);
                    }
                    continue;
                }
                while (demand.get() > 0 && !ready.isEmpty() && !cancelled) {
                    demand.decrementAndGet();
                    reader.onNext(ready.poll());
                }
                // The source's end read before the queue: every buffer sent before the end is in it by then.
                boolean done = sourceDone;
                if (done && ready.isEmpty() && !cancelled) {
                    terminated = true;
                    if (failure != null) {
                        reader.onError(failure);
                    } else {
                        reader.onComplete();
                    }
                } else if (ready.isEmpty() && demand.get() > 0 && !cancelled
                        && awaitingSource.compareAndSet(false, true)) {
                    sourceSubscription.request(1);
                }
            } while (pendingDrains.decrementAndGet() != 0);
        }
    }
}
