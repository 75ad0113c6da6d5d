package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HttpRequest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs at most {@code maxConcurrency} relays at once with a bounded queue behind them. A request that
 * finds the queue full is answered at once with {@code agent_busy}: the caller gets a quick error
 * instead of an unbounded wait, and the agent's memory stays bounded.
 */
public final class RequestDispatcher implements AutoCloseable {

    /** Receives the single answer to a request; called exactly once per dispatched request. */
    @FunctionalInterface
    public interface AnswerSink {
        void answer(HttpRequest request, RelayOutcome outcome, long receivedAtNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final LocalRelay relay;
    private final int maxConcurrency;
    private final int queueCapacity;
    private final ThreadPoolExecutor executor;

    public RequestDispatcher(LocalRelay relay, int maxConcurrency, int queueCapacity) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1: " + maxConcurrency);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must not be negative: " + queueCapacity);
        }
        this.relay = relay;
        this.maxConcurrency = maxConcurrency;
        this.queueCapacity = queueCapacity;
        BlockingQueue<Runnable> queue = queueCapacity == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueCapacity);
        this.executor = new ThreadPoolExecutor(maxConcurrency, maxConcurrency, 30, TimeUnit.SECONDS, queue,
                relayThreads());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Relays {@code request} on a worker, or answers {@code agent_busy} at once when the queue is full. */
    public void dispatch(HttpRequest request, AnswerSink sink) {
        long receivedAt = System.nanoTime();
        try {
            executor.execute(() -> sink.answer(request, relay.relay(request, receivedAt), receivedAt));
        } catch (RejectedExecutionException full) {
            ErrorMessage refusal = executor.isShutdown()
                    ? ErrorMessage.forRequest(request.requestId(), ErrorCode.AGENT_ERROR, "the agent is shutting down")
                    : ErrorMessage.forRequest(request.requestId(), ErrorCode.AGENT_BUSY, "the agent already has "
                            + maxConcurrency + " requests in flight and " + queueCapacity + " queued");
            sink.answer(request, RelayOutcome.of(refusal), receivedAt);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
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
