package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.TunnelRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs at most {@code maxConcurrency} relays at once with a bounded queue behind them. A request that
 * finds the queue full is answered at once with {@code agent_busy}: the caller gets a quick error
 * instead of an unbounded wait, and the agent's memory stays bounded.
 *
 * <p>A relay holds no thread while the local service works: it is started on the thread that dispatches
 * it (or that finished the relay before it) and answered on the HTTP client's selector thread; only body
 * transfers through presigned URLs run on the {@code tunnel-relay} workers.
 */
public final class RequestDispatcher implements AutoCloseable {

    /** Receives the single answer to a request; called exactly once per dispatched request. */
    @FunctionalInterface
    public interface AnswerSink {
        void answer(TunnelRequest request, RelayOutcome outcome, long receivedAtNanos);
    }

    private record Dispatched(TunnelRequest request, AnswerSink sink, long receivedAtNanos, RelayTap tap) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final LocalRelay relay;
    private final int maxConcurrency;
    private final int queueCapacity;
    private final RelayTap.Factory taps;
    private final ExecutorService transfers;
    private final Queue<Dispatched> queued = new ArrayDeque<>();
    private int running; // guarded by queued
    private boolean closed; // guarded by queued

    public RequestDispatcher(LocalRelay relay, int maxConcurrency, int queueCapacity) {
        this(relay, maxConcurrency, queueCapacity, RelayTap.Factory.NONE);
    }

    /** A dispatcher that shows every request, refused ones included, to a tap from {@code taps}. */
    public RequestDispatcher(LocalRelay relay, int maxConcurrency, int queueCapacity, RelayTap.Factory taps) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1: " + maxConcurrency);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must not be negative: " + queueCapacity);
        }
        this.relay = relay;
        this.maxConcurrency = maxConcurrency;
        this.queueCapacity = queueCapacity;
        this.taps = taps;
        this.transfers = Executors.newCachedThreadPool(relayThreads());
    }

    /**
     * Starts relaying {@code request} now, queues it behind the relays running, or answers {@code agent_busy}
     * at once when the queue is full.
     */
    public void dispatch(TunnelRequest request, AnswerSink sink) {
        long receivedAtNanos = System.nanoTime();
        Dispatched dispatched = new Dispatched(request, sink, receivedAtNanos, taps.open(request, receivedAtNanos));
        RelayOutcome refusal;
        synchronized (queued) {
            if (closed) {
                refusal = ErrorAnswers.shuttingDown(request);
            } else if (running < maxConcurrency) {
                running++;
                refusal = null;
            } else if (queued.size() < queueCapacity) {
                queued.add(dispatched);
                return;
            } else {
                refusal = ErrorAnswers.busy(request, maxConcurrency, queueCapacity);
            }
        }
        if (refusal != null) {
            answer(dispatched, refusal);
            return;
        }
        start(dispatched);
    }

    private void start(Dispatched dispatched) {
        // Once only: a relay that answered and then threw (say, from the sink) must not be answered again.
        AtomicBoolean finished = new AtomicBoolean();
        Consumer<RelayOutcome> once = outcome -> {
            if (finished.compareAndSet(false, true)) {
                finish(dispatched, outcome);
            }
        };
        try {
            relay.relay(dispatched.request(), dispatched.receivedAtNanos(), transfers, dispatched.tap(), once);
        } catch (RuntimeException e) {
            once.accept(ErrorAnswers.unexpected(dispatched.request(), e));
        }
    }

    /** Answers one relay and starts the next queued one in its place, on this thread. */
    private void finish(Dispatched dispatched, RelayOutcome outcome) {
        try {
            answer(dispatched, outcome);
        } finally {
            Dispatched next;
            synchronized (queued) {
                next = queued.poll();
                if (next == null) {
                    running--;
                }
            }
            if (next != null) {
                start(next);
            }
        }
    }

    private static void answer(Dispatched dispatched, RelayOutcome outcome) {
        try {
            dispatched.sink().answer(dispatched.request(), outcome, dispatched.receivedAtNanos());
        } finally {
            dispatched.tap().answered(outcome);
        }
    }

    /** Answers the queued requests that will not be relayed now; transfers in progress are interrupted. */
    @Override
    public void close() {
        List<Dispatched> abandoned;
        synchronized (queued) {
            closed = true;
            abandoned = new ArrayList<>(queued);
            queued.clear();
        }
        for (Dispatched dispatched : abandoned) {
            try {
                answer(dispatched, ErrorAnswers.shuttingDown(dispatched.request()));
            } catch (RuntimeException e) {
                LOG.warn("Could not answer {} {} while shutting down", dispatched.request().method(),
                        dispatched.request().path(), e);
            }
        }
        transfers.shutdownNow();
        try {
            if (!transfers.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Relay workers still running after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory relayThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tunnel-relay-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
