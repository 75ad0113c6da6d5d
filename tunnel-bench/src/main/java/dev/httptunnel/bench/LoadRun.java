package dev.httptunnel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load: {@code clients} threads, each sending its next GET as soon as the previous one is
 * answered, until {@code requests} are done or {@code maxTime} has passed.
 */
public final class LoadRun {

    /**
     * What one run measured. CPU time over the run per answered request (see {@link CpuMeter}): of this
     * JVM ({@code jvmCpuMillis}) and of the processes it started ({@code startedCpuMillis}); and the context
     * switches of all of them per answered request.
     */
    public record Result(String target, int clients, int requests, int failures, double requestsPerSecond,
                  double p50Millis, double p99Millis, double jvmCpuMillis, double startedCpuMillis,
                  double switchesPerRequest) {
    }

    private LoadRun() {
    }

    public static Result run(HttpClient http, String target, URI uri, int clients, int requests, Duration maxTime)
            throws InterruptedException {
        return run(http, target, HttpRequest.newBuilder(uri), clients, requests, maxTime);
    }

    /** With {@code request} carrying what the target needs beyond its URI (a Host header, say). */
    public static Result run(HttpClient http, String target, HttpRequest.Builder requestBuilder, int clients, int requests,
                      Duration maxTime) throws InterruptedException {
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger failures = new AtomicInteger();
        long[][] latencies = new long[clients][requests];
        int[] counts = new int[clients];
        long deadline = System.nanoTime() + maxTime.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        HttpRequest request = requestBuilder.timeout(Duration.ofSeconds(35)).GET().build();
        CpuMeter.Reading cpuBefore = CpuMeter.read();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                                continue;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            continue;
                        }
                        latencies[client][counts[client]++] = (System.nanoTime() - t0) / 1000;
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Reading cpu = CpuMeter.read().minus(cpuBefore);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Percentiles micros = Percentiles.of(all);
        return new Result(target, clients, total, failures.get(), total / seconds,
                micros.at(0.50) / 1000, micros.at(0.99) / 1000, perRequest(cpu.thisJvm(), total),
                perRequest(cpu.started(), total), total == 0 ? Double.NaN : (double) cpu.switches() / total);
    }

    private static double perRequest(Duration cpu, int requests) {
        return requests == 0 ? Double.NaN : cpu.toNanos() / 1e6 / requests;
    }
}
