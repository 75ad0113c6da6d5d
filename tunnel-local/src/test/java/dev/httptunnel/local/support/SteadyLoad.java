package dev.httptunnel.local.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several callers, each sending its next request as soon as the last is answered, to paths of their own
 * under {@code /echo/}: what a tunnel carries while its connection changes.
 */
public final class SteadyLoad {

    /**
     * One request's fate: the path it asked for, its status, the tunnel's error code if any, when it was
     * sent ({@link System#nanoTime()}) and how long its answer took.
     */
    public record Outcome(String path, int status, String tunnelError, long sentAtNanos, Duration took) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final List<CompletableFuture<List<Outcome>>> clients = new ArrayList<>();
    /** A thread per caller, so that all of them send at once whatever the pool sizes of a small machine. */
    private final ExecutorService threads;

    private SteadyLoad(int callers) {
        threads = Executors.newFixedThreadPool(callers, r -> {
            Thread thread = new Thread(r, "steady-load");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code callers} callers of {@code tunnelUrl + "/echo/" + label + "/<caller>/<n>"}. */
    public static SteadyLoad start(HttpClient http, String tunnelUrl, String label, int callers, Duration timeout) {
        SteadyLoad load = new SteadyLoad(callers);
        for (int c = 0; c < callers; c++) {
            String base = "/echo/" + label + "/" + c + "/";
            load.clients.add(CompletableFuture.supplyAsync(() -> load.call(http, tunnelUrl, base, timeout),
                    load.threads));
        }
        return load;
    }

    /** Waits until the callers have had {@code more} further answers: the load is then under way, not just started. */
    public void awaitAnswered(int more, Duration timeout) throws InterruptedException {
        int target = answered.get() + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + (answered.get() - target + more) + " of " + more
                        + " answers within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** Stops the callers and returns every request's outcome, in no particular order. */
    public List<Outcome> stop(Duration timeout) throws Exception {
        running.set(false);
        List<Outcome> all = new ArrayList<>();
        try {
            for (CompletableFuture<List<Outcome>> client : clients) {
                all.addAll(client.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        return all;
    }

    private List<Outcome> call(HttpClient http, String tunnelUrl, String base, Duration timeout) {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int n = 0; running.get(); n++) {
                String path = base + n;
                long sentAt = System.nanoTime();
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(tunnelUrl + path))
                        .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                outcomes.add(new Outcome(path, response.statusCode(),
                        response.headers().firstValue("x-tunnel-error").orElse(null), sentAt,
                        Duration.ofNanos(System.nanoTime() - sentAt)));
                answered.incrementAndGet();
            }
        } catch (Exception e) {
            throw new CompletionException(e);
        }
        return outcomes;
    }
}
