package dev.httptunnel.agent.relay;

/**
 * The JDK HTTP client completes the future of every {@code sendAsync} on {@code CompletableFuture}'s default
 * executor. With fewer than three cores the common fork-join pool has a single worker, which
 * {@code CompletableFuture} declines: it starts a new thread for every such task instead, one per relayed
 * request. Two workers make it use the pool.
 */
public final class AsyncCompletions {

    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private AsyncCompletions() {
    }

    /** Call first thing in {@code main}, before anything uses {@code CompletableFuture}; a set value is kept. */
    public static void onThePoolEvenWithFewCores() {
        if (System.getProperty(PROPERTY) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(PROPERTY, "2");
        }
    }
}
