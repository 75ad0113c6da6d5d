package dev.httptunnel.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.httptunnel.local.http.GatewayIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One Lambda function: a pool of handler instances, each serving one invocation at a time, reused while
 * warm (the most recently used first) and created when all are busy, within the account's concurrency.
 * An invocation runs on the caller's thread (the gateway's request or route thread), which a synchronous
 * integration makes wait anyway. Events and results cross as JSON through
 * {@code aws-lambda-java-serialization}, as in the managed Java runtime, so a handler sees exactly the
 * typed event it would see on AWS.
 */
public final class LambdaFunction<I, O> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LambdaFunction.class.getName());

    private final String name;
    private final Supplier<? extends RequestHandler<I, O>> instances;
    private final PojoSerializer<I> events;
    private final PojoSerializer<O> results;
    private final AccountConcurrency concurrency;
    private final long maxPayloadBytes;
    private final Deque<RequestHandler<I, O>> warm = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final ExecutorService executor;
    private final DeadlineTimer timeouts;

    public LambdaFunction(String name, Class<I> eventType, Class<O> resultType,
                          Supplier<? extends RequestHandler<I, O>> instances, AccountConcurrency concurrency,
                          long maxPayloadBytes) {
        this.name = name;
        this.instances = instances;
        ClassLoader loader = LambdaFunction.class.getClassLoader();
        this.events = LambdaEventSerializers.serializerFor(eventType, loader);
        this.results = LambdaEventSerializers.serializerFor(resultType, loader);
        this.concurrency = concurrency;
        this.maxPayloadBytes = maxPayloadBytes;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(
                r -> daemon(r, "lambda-" + name + "-" + threads.incrementAndGet()));
        this.timeouts = new DeadlineTimer("lambda-" + name + "-timeouts");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    public String name() {
        return name;
    }

    /** Handler instances created so far (cold starts). */
    public int instancesCreated() {
        return created.get();
    }

    /** Invocations that ran the handler (not those refused for size or throttled), as Lambda bills them. */
    public long invocations() {
        return invocations.get();
    }

    /** Time spent inside the handler over all invocations: the billed duration, summed. */
    public long busyNanos() {
        return busyNanos.get();
    }

    /**
     * Invokes the function with {@code eventJson} on the calling thread, as a synchronous integration,
     * and hands {@code onResult} exactly one outcome: the handler's, or {@code TIMED_OUT} once
     * {@code timeout} (the integration timeout) passes, delivered then from a timer thread. A handler still
     * running at the timeout goes on, on the caller's thread, holding its instance and its unit of
     * concurrency until it returns, as on AWS. Running on the caller's thread spares a hand-off to another
     * thread and back on every invocation.
     */
    public void invoke(byte[] eventJson, Duration timeout, Consumer<Invocation> onResult) {
        if (eventJson.length > maxPayloadBytes) {
            onResult.accept(new Invocation.Failed(Invocation.Failure.REQUEST_TOO_LARGE,
                    "event of " + eventJson.length + " bytes exceeds the " + maxPayloadBytes + "-byte payload quota"));
            return;
        }
        if (!concurrency.tryAcquire()) {
            onResult.accept(new Invocation.Failed(Invocation.Failure.THROTTLED,
                    "all " + concurrency.limit() + " units of concurrency are busy"));
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        DeadlineTimer.Timer timer;
        Invocation result;
        try {
            timer = timeouts.start(timeout, () -> {
                if (answered.compareAndSet(false, true)) {
                    onResult.accept(new Invocation.Failed(Invocation.Failure.TIMED_OUT,
                            name + " did not return within " + timeout.toMillis() + " ms"));
                }
            });
            result = run(eventJson, System.currentTimeMillis() + timeout.toMillis());
        } finally {
            concurrency.release();
        }
        timer.cancel();
        if (answered.compareAndSet(false, true)) {
            onResult.accept(result);
        }
    }

    /**
     * Invokes the function and waits for its outcome, for a caller that must answer on its own thread (the
     * {@code $connect} route deciding an upgrade): the handler runs on another thread, so that this one
     * returns {@code TIMED_OUT} at the timeout however long the handler takes.
     */
    public Invocation invoke(byte[] eventJson, Duration timeout) {
        CompletableFuture<Invocation> outcome = new CompletableFuture<>();
        executor.execute(() -> invoke(eventJson, timeout, outcome::complete));
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Invocation.Failed(Invocation.Failure.FUNCTION_ERROR, "interrupted");
        } catch (ExecutionException e) {
            return new Invocation.Failed(Invocation.Failure.FUNCTION_ERROR, String.valueOf(e.getCause()));
        }
    }

    private Invocation run(byte[] eventJson, long deadlineMillis) {
        invocations.incrementAndGet();
        long start = System.nanoTime();
        RequestHandler<I, O> handler = warm.pollFirst();
        if (handler == null) {
            handler = instances.get();
            created.incrementAndGet();
        }
        try {
            I event = events.fromJson(new ByteArrayInputStream(eventJson));
            String requestId = GatewayIds.lambdaRequestId();
            O output = handler.handleRequest(event, new LocalContext(requestId, name, deadlineMillis));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            results.toJson(output, json);
            if (json.size() > maxPayloadBytes) {
                return new Invocation.Failed(Invocation.Failure.RESPONSE_TOO_LARGE, "Response payload size ("
                        + json.size() + " bytes) exceeded maximum allowed payload size (" + maxPayloadBytes + " bytes)");
            }
            return new Invocation.Completed(json.toByteArray());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "function " + name + " failed", e);
            return new Invocation.Failed(Invocation.Failure.FUNCTION_ERROR, e.toString());
        } finally {
            warm.addFirst(handler);
            busyNanos.addAndGet(System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        timeouts.close();
        executor.shutdownNow();
    }
}
