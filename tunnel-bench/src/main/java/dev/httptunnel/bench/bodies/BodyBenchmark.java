package dev.httptunnel.bench.bodies;

import dev.httptunnel.bench.AgentJarProcess;
import dev.httptunnel.bench.Percentiles;
import dev.httptunnel.local.GatewayMeters;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.storage.GatewayStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench-bodies}: 100 KB, 1 MB and 4 MB bodies through the tunnel on loopback (gateway with
 * in-memory storage in this JVM, the agent's jar in its own), request direction (upload, small answer)
 * and response direction (small GET, large answer). Per size and direction: median and p90 time per
 * request, and per request the WebSocket messages each way, the Lambda invocations per function, the
 * body bucket's PUT/GET/DELETE and the pending store's DynamoDB capacity units; then the modelled AWS
 * cost per million such requests ({@link BodyCosts}), and small requests' latency while 8 × 1 MB go each
 * way ({@link SmallRequestsDuringTransfers}). Bounded: each case (after its warm-up requests) stops after
 * its request count or its time limit.
 *
 * <p>Usage: {@code java -cp tunnel-bench.jar dev.httptunnel.bench.bodies.BodyBenchmark --agent-jar PATH
 * [--requests 20] [--max-seconds 30] [--starvation-only] [--agent-cpus LIST]}; {@code --agent-cpus} starts the
 * agent under {@code taskset -c LIST} (Linux), to give it cores the benchmark's own JVM, started under
 * {@code taskset} too, does not use: the AWS side off the agent's cores, as in a deployment.
 */
public final class BodyBenchmark {

    private static final int KB = 1024;
    private static final int MB = KB * KB;
    private static final int[] SIZES = {100 * KB, MB, 4 * MB};
    private static final int WARM_UP_REQUESTS = 5;

    private BodyBenchmark() {
    }

    /** Every counter the benchmark reads, at one moment. */
    record Counters(long messagesIn, long messagesOut, long unitsIn, long unitsOut, long wsBytesOut,
                    long forwarding, long response, long otherInvocations, long forwardingNanos, long responseNanos,
                    long puts, long gets, long deletes, long downloadedBytes, long writeUnits, long readUnits,
                    long writes, long reads) {

        static Counters of(GatewayMeters meters, CountingPendingRequestStore pending) {
            var traffic = meters.webSocket();
            var bucket = meters.bodyBucket();
            return new Counters(traffic.in().messages(), traffic.out().messages(), traffic.in().meteredUnits(),
                    traffic.out().meteredUnits(), traffic.out().bytes(), meters.invocations("forwarding"),
                    meters.invocations("response"), meters.invocations("connect") + meters.invocations("disconnect"),
                    meters.busyTime("forwarding").toNanos(), meters.busyTime("response").toNanos(),
                    bucket.puts(), bucket.gets(), bucket.deletes(), bucket.downloadedBytes(),
                    pending.writeUnits(), pending.readUnits(), pending.writes(), pending.reads());
        }
    }

    /** One size and direction, measured: latencies in ms, the rest per request. */
    record Result(String direction, int size, int requests, int failures, double p50Ms, double p90Ms,
                  double messagesIn, double messagesOut, double unitsIn, double unitsOut, double forwarding,
                  double response, double other, double forwardingMs, double responseMs, double puts, double gets,
                  double deletes, double writeUnits, double readUnits, double writes, double reads,
                  double transferOutBytes) {

        boolean upload() {
            return direction.equals("request");
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path agentJar = null;
        int requests = 20;
        int maxSeconds = 30;
        boolean sizes = true;
        List<String> agentLauncher = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent-jar" -> agentJar = Path.of(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
                case "--starvation-only" -> sizes = false;
                case "--agent-cpus" -> agentLauncher = List.of("taskset", "-c", args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: "
                        + "--agent-jar PATH --requests N --max-seconds S --starvation-only --agent-cpus LIST)");
            }
        }
        Duration maxTime = Duration.ofSeconds(maxSeconds);
        GatewayStorage memory = GatewayStorage.inMemory(Clock.systemUTC());
        CountingPendingRequestStore pending = new CountingPendingRequestStore(memory.pendingRequests());
        GatewayStorage storage = new GatewayStorage(memory.connections(), pending, memory.tokens(), memory.description(),
                memory);
        try (BodyApp app = BodyApp.start();
             LocalGateway gateway = LocalGateway.start(GatewaySettings.builder().ports(0, 0)
                     .throttle(GatewaySettings.Throttle.UNTHROTTLED).build(), storage);
             AgentJarProcess agent = AgentJarProcess.start(agentLauncher, agentJar, app.port(), gateway)) {
            AgentConsoleTimes agentTimes = new AgentConsoleTimes("GET", "/small");
            String tunnelId = agent.awaitTunnel(agentTimes);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + gateway.httpPort() + "/" + tunnelId);
            System.out.printf(Locale.ROOT, "%nhttp-tunnel body benchmark: loopback, in-memory gateway in this JVM, "
                            + "agent in its own; %d cores, %s; up to %d requests or %d s per case, one at a time%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), requests,
                    maxSeconds);
            SmallRequestsDuringTransfers smallRequests = new SmallRequestsDuringTransfers(base,
                    URI.create("http://127.0.0.1:" + app.port() + "/small"), agentTimes);
            smallRequests.measureCold(http);
            if (sizes) {
                List<Result> results = new ArrayList<>();
                for (int size : SIZES) {
                    for (boolean upload : new boolean[] {true, false}) {
                        run(http, base, gateway.meters(), pending, size, upload, WARM_UP_REQUESTS, maxTime);
                        results.add(run(http, base, gateway.meters(), pending, size, upload, requests, maxTime));
                    }
                }
                printTable(results);
                BodyCosts.print(results, SIZES[SIZES.length - 1]);
            }
            pending.wakeOnAnswers();
            smallRequests.run(http);
        }
    }

    private static Result run(HttpClient http, URI base, GatewayMeters meters, CountingPendingRequestStore pending,
                              int size, boolean upload, int requests, Duration maxTime) throws Exception {
        byte[] body = BodyApp.bytes(size, size);
        String digest = BodyApp.sha256(body);
        HttpRequest request = upload
                ? HttpRequest.newBuilder(URI.create(base + "/upload")).timeout(Duration.ofSeconds(35))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()
                : HttpRequest.newBuilder(URI.create(base + "/bytes/" + size)).timeout(Duration.ofSeconds(35))
                        .GET().build();
        Counters before = Counters.of(meters, pending);
        long answerBytes = 0;
        List<Long> micros = new ArrayList<>();
        int failures = 0;
        long deadline = System.nanoTime() + maxTime.toNanos();
        for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = (System.nanoTime() - start) / 1000;
            answerBytes += response.body().length;
            boolean intact = response.statusCode() == 200 && (upload
                    ? new String(response.body(), StandardCharsets.US_ASCII).equals(digest + " " + size)
                    : BodyApp.sha256(response.body()).equals(digest));
            if (intact) {
                micros.add(elapsed);
            } else {
                failures++;
            }
        }
        // The response function's invocation may end just after the caller has its answer.
        Thread.sleep(100);
        Counters after = Counters.of(meters, pending);
        int n = micros.size() + failures;
        Percentiles times = Percentiles.of(micros);
        return new Result(upload ? "request" : "response", size, micros.size(), failures,
                times.median() / 1000, times.at(0.9) / 1000,
                per(after.messagesIn() - before.messagesIn(), n), per(after.messagesOut() - before.messagesOut(), n),
                per(after.unitsIn() - before.unitsIn(), n), per(after.unitsOut() - before.unitsOut(), n),
                per(after.forwarding() - before.forwarding(), n), per(after.response() - before.response(), n),
                per(after.otherInvocations() - before.otherInvocations(), n),
                per(after.forwardingNanos() - before.forwardingNanos(), n) / 1e6,
                per(after.responseNanos() - before.responseNanos(), n) / 1e6,
                per(after.puts() - before.puts(), n), per(after.gets() - before.gets(), n),
                per(after.deletes() - before.deletes(), n), per(after.writeUnits() - before.writeUnits(), n),
                per(after.readUnits() - before.readUnits(), n), per(after.writes() - before.writes(), n),
                per(after.reads() - before.reads(), n),
                per(answerBytes + after.downloadedBytes() - before.downloadedBytes()
                        + after.wsBytesOut() - before.wsBytesOut(), n));
    }

    private static double per(long total, int n) {
        return n == 0 ? Double.NaN : (double) total / n;
    }

    static String label(int size) {
        return size >= MB ? size / MB + " MB" : size / KB + " KB";
    }

    private static void printTable(List<Result> results) {
        System.out.printf(Locale.ROOT, "%nPer request (counters averaged over the measured requests):%n");
        System.out.printf(Locale.ROOT, "%-6s %-9s %4s %4s %8s %8s | %7s %7s %7s %7s | %5s %5s %8s %8s | %4s %4s %4s"
                        + " | %5s %5s %5s %5s%n", "body", "direction", "n", "fail", "p50 ms", "p90 ms", "ws in",
                "ws out", "32K in", "32K out", "fwd", "resp", "fwd ms", "resp ms", "PUT", "GET", "DEL", "ddbW",
                "WRU", "ddbR", "RRU");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-6s %-9s %4d %4d %8.1f %8.1f | %7.2f %7.2f %7.2f %7.2f | %5.2f %5.2f"
                            + " %8.1f %8.2f | %4.2f %4.2f %4.2f | %5.2f %5.1f %5.2f %5.1f%n", label(r.size()),
                    r.direction(), r.requests(), r.failures(), r.p50Ms(), r.p90Ms(), r.messagesIn(),
                    r.messagesOut(), r.unitsIn(), r.unitsOut(), r.forwarding(), r.response(), r.forwardingMs(),
                    r.responseMs(), r.puts(), r.gets(), r.deletes(), r.writes(), r.writeUnits(), r.reads(),
                    r.readUnits());
        }
        System.out.println("ws in/out: WebSocket messages agent->gateway / gateway->agent; 32K in/out: the same in"
                + " 32 KB billing units; fwd/resp: forwarding / response function invocations (connect and"
                + " disconnect: none); fwd ms / resp ms: time in those handlers; PUT/GET/DEL: body bucket (S3)"
                + " requests; ddbW/ddbR: pending-store writes/reads (strongly consistent) with their capacity units.");
    }
}
