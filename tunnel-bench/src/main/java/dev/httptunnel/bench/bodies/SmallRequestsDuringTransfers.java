package dev.httptunnel.bench.bodies;

import dev.httptunnel.bench.LoadRun;
import dev.httptunnel.bench.Percentiles;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small GET's latency idle (warm: after a few thousand small requests), then while 8 uploads and 8
 * downloads of 1 MB run at once; the same GET sent to the app directly, alternating with the tunnelled
 * one, shows how much of the slowdown is the machine's: every component shares its cores here, where on
 * AWS each transfer runs in its own Lambda instance. The small GETs come from a client of their own, as a
 * webhook would not share the downloader's connections: the JDK client reads all its connections on one
 * selector thread, which the transfers keep busy.
 */
final class SmallRequestsDuringTransfers {

    private static final int MB = 1024 * 1024;
    private static final int ROUNDS = 10;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int TRANSFERS_EACH_WAY = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(35);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final HttpRequest small;
    private final HttpRequest directSmall;
    private final AgentConsoleTimes agentTimes;
    private long[] cold = new long[0];

    /**
     * @param base the tunnel's URL
     * @param direct the app's own {@code /small}
     * @param agentTimes the agent's console times of {@code GET /small}
     */
    SmallRequestsDuringTransfers(URI base, URI direct, AgentConsoleTimes agentTimes) {
        this.base = base;
        this.small = HttpRequest.newBuilder(URI.create(base + "/small")).timeout(TIMEOUT).GET().build();
        this.directSmall = HttpRequest.newBuilder(direct).timeout(TIMEOUT).GET().build();
        this.agentTimes = agentTimes;
    }

    /** The first small requests of the run, before anything else: the tunnel cold. */
    void measureCold(HttpClient client) throws Exception {
        for (int i = 0; i < 30; i++) {
            timeMicros(client, small);
        }
        cold = new long[7];
        for (int i = 0; i < cold.length; i++) {
            cold[i] = timeMicros(client, small);
        }
    }

    /** Measures and prints; {@code transfers} carries the large bodies. */
    void run(HttpClient transfers) throws Exception {
        byte[] upload = BodyApp.bytes(MB, 1);
        // The transfers' own code paths compiled first, as after the size cases.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            CompletableFuture.allOf(transfers(transfers, upload).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        }
        // The small request's path warmed as make bench warms it, then at one client.
        LoadRun.run(http, "warmup", small.uri(), 8, 10_000, Duration.ofSeconds(30));
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 2000 && System.nanoTime() < warmUntil; i++) {
            timeMicros(http, small);
        }
        long[] idle = new long[50];
        long[] idleDirect = new long[idle.length];
        awaitConsole();
        for (int i = 0; i < idle.length; i++) {
            idle[i] = timeMicros(http, small);
            idleDirect[i] = timeMicros(http, directSmall);
        }
        long[] idleInAgent = awaitConsole();
        List<Long> during = new ArrayList<>();
        List<Long> duringDirect = new ArrayList<>();
        List<Long> roundsMs = new ArrayList<>();
        long failed = 0;
        long[] collectionsBefore = collections();
        for (int round = 0; round < ROUNDS; round++) {
            List<CompletableFuture<HttpResponse<byte[]>>> started = transfers(transfers, upload);
            CompletableFuture<Void> all = CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
            long start = System.nanoTime();
            for (int i = 0; i < 100 && !all.isDone(); i++) {
                during.add(timeMicros(http, small));
                if (!all.isDone()) {
                    duringDirect.add(timeMicros(http, directSmall));
                }
            }
            all.get(60, TimeUnit.SECONDS);
            roundsMs.add((System.nanoTime() - start) / 1_000_000);
            failed += started.stream().filter(f -> f.join().statusCode() != 200).count();
        }
        long[] collectionsAfter = collections();
        Percentiles busyInAgent = Percentiles.of(awaitConsole());
        Percentiles inAgent = Percentiles.of(idleInAgent);
        Percentiles idleTunnel = Percentiles.of(idle);
        Percentiles idleApp = Percentiles.of(idleDirect);
        Percentiles busy = Percentiles.of(during);
        Percentiles busyApp = Percentiles.of(duringDirect);
        System.out.printf(Locale.ROOT, "%nSmall GET (/small, 2 bytes) latency, sequential, ms:%n"
                        + "  tunnel, cold (first requests of the run):  median %.1f%n"
                        + "  tunnel, idle and warm (%d requests):        median %.1f, p90 %.1f%n"
                        + "  direct to the app, idle:                   median %.2f%n"
                        + "  during 8 x 1 MB up + 8 x 1 MB down at once, %d rounds (%s ms, %d failed):%n"
                        + "    tunnel  (%2d requests): median %.1f, max %.1f  -> %.1f x its idle median%n"
                        + "      in the agent (its console, whole ms): median %.0f, p90 %.0f (idle: median %.0f,"
                        + " p90 %.0f)%n"
                        + "    direct  (%2d requests): median %.1f, max %.1f  -> %.1f x its idle median%n"
                        + "    collections in this JVM (client, gateway, app) meanwhile: %d, %d ms of pauses in all%n",
                Percentiles.of(cold).median() / 1000, idle.length, idleTunnel.median() / 1000,
                idleTunnel.at(0.9) / 1000, idleApp.median() / 1000, ROUNDS, roundsMs, failed,
                busy.count(), busy.median() / 1000, busy.max() / 1000, busy.median() / idleTunnel.median(),
                busyInAgent.median(), busyInAgent.at(0.9), inAgent.median(), inAgent.at(0.9),
                busyApp.count(), busyApp.median() / 1000, busyApp.max() / 1000, busyApp.median() / idleApp.median(),
                collectionsAfter[0] - collectionsBefore[0], collectionsAfter[1] - collectionsBefore[1]);
    }

    /** The agent's times for the small requests answered so far, once its console has caught up. */
    private long[] awaitConsole() throws InterruptedException {
        // The agent writes its request lines in bursts, a little late.
        Thread.sleep(250);
        return agentTimes.drain();
    }

    /** Starts the uploads of {@code upload} and the downloads of 1 MB through the tunnel, all at once. */
    private List<CompletableFuture<HttpResponse<byte[]>>> transfers(HttpClient client, byte[] upload) {
        List<CompletableFuture<HttpResponse<byte[]>>> started = new ArrayList<>();
        for (int i = 0; i < TRANSFERS_EACH_WAY; i++) {
            started.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/upload"))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            started.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/bytes/" + MB))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        return started;
    }

    /**
     * Garbage collections of this JVM so far and their accumulated time: a collection stops every thread,
     * the small requests' included, and the megabyte bodies in flight are copied meanwhile.
     */
    private static long[] collections() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static long timeMicros(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("small request answered " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1_000;
    }
}
