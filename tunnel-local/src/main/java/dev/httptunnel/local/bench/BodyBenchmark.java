package dev.httptunnel.local.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench-bodies}: 100 KB, 1 MB and 4 MB bodies through the tunnel on loopback (gateway with
 * in-memory storage in this JVM, the agent's jar in its own), request direction (upload, small answer)
 * and response direction (small GET, large answer). Per size and direction: median and p90 time per
 * request, and per request the WebSocket messages each way, the Lambda invocations per function, the
 * body bucket's PUT/GET/DELETE and the pending store's DynamoDB capacity units; then the modelled AWS
 * cost per million such requests, and small requests' latency while 8 × 1 MB go each way.
 * Bounded: each case (after 5 warm-up requests) stops after its request count or its time limit.
 *
 * <p>Usage: {@code java -cp tunnel-local.jar dev.httptunnel.local.bench.BodyBenchmark --agent-jar PATH
 * [--requests 20] [--max-seconds 30] [--starvation-only] [--agent-cpus LIST]}; {@code --agent-cpus} starts the
 * agent under {@code taskset -c LIST} (Linux), to give it cores the benchmark's own JVM, started under
 * {@code taskset} too, does not use: the AWS side off the agent's cores, as in a deployment.
 */
public final class BodyBenchmark {

    private static final int KB = 1024;
    private static final int MB = KB * KB;
    private static final int[] SIZES = {100 * KB, MB, 4 * MB};
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final int STARVATION_ROUNDS = 10;
    private static final int WARM_UP_ROUNDS = 5;

    // us-east-1 list prices.
    static final double HTTP_API_PER_REQUEST = 1.00 / 1e6;
    static final int HTTP_API_METERING_BYTES = 512 * KB;
    static final double WS_PER_MESSAGE_UNIT = 1.00 / 1e6;
    static final int WS_METERING_BYTES = 32 * KB;
    static final double LAMBDA_PER_INVOCATION = 0.20 / 1e6;
    static final double LAMBDA_PER_GB_SECOND = 0.0000133334;
    static final double LAMBDA_GB = 0.5;
    static final double RESPONSE_HANDLER_SECONDS = 0.010;
    static final double S3_PUT = 0.005 / 1000;
    static final double S3_GET = 0.0004 / 1000;
    static final double DDB_WRITE_UNIT = 0.625 / 1e6;
    static final double DDB_READ_UNIT = 0.125 / 1e6;
    static final double TRANSFER_OUT_PER_GB = 0.09;

    private BodyBenchmark() {
    }

    /** Every counter the benchmark reads, at one moment. */
    record Counters(long messagesIn, long messagesOut, long unitsIn, long unitsOut, long wsBytesOut,
                    long forwarding, long response, long otherInvocations, long forwardingNanos, long responseNanos,
                    long puts, long gets, long deletes, long downloadedBytes, long writeUnits, long readUnits,
                    long writes, long reads) {

        static Counters of(LocalGateway gateway, CountingPendingRequestStore pending) {
            var traffic = gateway.webSocketTraffic();
            var bodies = gateway.bodies();
            return new Counters(traffic.in().messages(), traffic.out().messages(), traffic.in().meteredUnits(),
                    traffic.out().meteredUnits(), traffic.out().bytes(), gateway.invocations("forwarding"),
                    gateway.invocations("response"), gateway.invocations("connect") + gateway.invocations("disconnect"),
                    gateway.busyTime("forwarding").toNanos(), gateway.busyTime("response").toNanos(),
                    bodies.puts(), bodies.gets(), bodies.deletes(), bodies.downloadedBytes(),
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

        double httpApiUnits() {
            return Math.max(1, Math.ceil((double) (upload() ? size : 0) / HTTP_API_METERING_BYTES));
        }

        double httpApiCost() {
            return httpApiUnits() * HTTP_API_PER_REQUEST;
        }

        double webSocketCost() {
            return (unitsIn + unitsOut) * WS_PER_MESSAGE_UNIT;
        }

        double lambdaCost() {
            return (forwarding + response + other) * LAMBDA_PER_INVOCATION
                    + LAMBDA_GB * (forwardingMs / 1000 + response * RESPONSE_HANDLER_SECONDS) * LAMBDA_PER_GB_SECOND;
        }

        double s3Cost() {
            return puts * S3_PUT + gets * S3_GET;
        }

        double dynamoDbCost() {
            return writeUnits * DDB_WRITE_UNIT + readUnits * DDB_READ_UNIT;
        }

        double transferCost() {
            return transferOutBytes / GIB * TRANSFER_OUT_PER_GB;
        }

        double total() {
            return httpApiCost() + webSocketCost() + lambdaCost() + s3Cost() + dynamoDbCost() + transferCost();
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
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("--agent-jar must name the built tunnel-agent.jar: " + agentJar);
        }
        GatewayStorage memory = GatewayStorage.inMemory(Clock.systemUTC());
        CountingPendingRequestStore pending = new CountingPendingRequestStore(memory.pendingRequests());
        GatewayStorage storage = new GatewayStorage(memory.connections(), pending, memory.tokens(), memory.description(),
                memory);
        HttpServer app = startApp();
        try (LocalGateway gateway = LocalGateway.start(GatewaySettings.builder().ports(0, 0).build(), storage)) {
            Process agent = TunnelBenchmark.startAgent(agentLauncher, agentJar, app.getAddress().getPort(), gateway);
            try {
                AgentConsoleTimes agentTimes = new AgentConsoleTimes("GET", "/small");
                String tunnelId = TunnelBenchmark.awaitTunnel(agent, agentTimes);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI base = URI.create("http://127.0.0.1:" + gateway.httpPort() + "/" + tunnelId);
                System.out.printf(Locale.ROOT, "%nhttp-tunnel body benchmark: loopback, in-memory gateway in this JVM, "
                                + "agent in its own; %d cores, %s; up to %d requests or %d s per case, one at a time%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), requests,
                        maxSeconds);
                HttpRequest small = HttpRequest.newBuilder(URI.create(base + "/small"))
                        .timeout(Duration.ofSeconds(35)).GET().build();
                for (int i = 0; i < 30; i++) {
                    timeMicros(http, small);
                }
                long[] fresh = new long[7];
                for (int i = 0; i < fresh.length; i++) {
                    fresh[i] = timeMicros(http, small);
                }
                if (sizes) {
                    List<Result> results = new ArrayList<>();
                    for (int size : SIZES) {
                        for (boolean upload : new boolean[] {true, false}) {
                            run(http, base, gateway, pending, size, upload, 5, Duration.ofSeconds(maxSeconds));
                            results.add(run(http, base, gateway, pending, size, upload, requests,
                                    Duration.ofSeconds(maxSeconds)));
                        }
                    }
                    printTable(results);
                    printCosts(results);
                }
                pending.wakeOnAnswers();
                starvation(http, base, URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/small"), small,
                        fresh, agentTimes);
            } finally {
                agent.destroy();
                agent.waitFor(5, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
        } finally {
            app.stop(0);
        }
    }

    private static Result run(HttpClient http, URI base, LocalGateway gateway, CountingPendingRequestStore pending,
                              int size, boolean upload, int requests, Duration maxTime) throws Exception {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        String digest = sha256(body);
        HttpRequest request = upload
                ? HttpRequest.newBuilder(URI.create(base + "/upload")).timeout(Duration.ofSeconds(35))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()
                : HttpRequest.newBuilder(URI.create(base + "/bytes/" + size)).timeout(Duration.ofSeconds(35))
                        .GET().build();
        Counters before = Counters.of(gateway, pending);
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
                    : sha256(response.body()).equals(digest));
            if (intact) {
                micros.add(elapsed);
            } else {
                failures++;
            }
        }
        // The response function's invocation may end just after the caller has its answer.
        Thread.sleep(100);
        Counters after = Counters.of(gateway, pending);
        int n = micros.size() + failures;
        double[] sorted = micros.stream().mapToDouble(m -> m / 1000.0).sorted().toArray();
        return new Result(upload ? "request" : "response", size, micros.size(), failures,
                percentile(sorted, 0.5), percentile(sorted, 0.9),
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

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static String label(int size) {
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

    private static void printCosts(List<Result> results) {
        System.out.printf(Locale.ROOT, "%nModelled AWS cost per million requests, us-east-1 list prices:%n"
                + "  HTTP API     $1.00/M requests, metered in 512 KB increments of the request (assumption: the"
                + " request's body; the response is not metered)%n"
                + "  WebSocket    $1.00/M messages, metered in 32 KB increments, both directions (connection"
                + " minutes not counted: per agent, not per request)%n"
                + "  Lambda       $0.20/M invocations + 0.5 GB x seconds x $0.0000133334/GB-s (arm64, 512 MB);"
                + " forwarding: the measured time in the handler, response: 10 ms each%n"
                + "  S3           PUT $0.005/1000, GET $0.0004/1000, DELETE free%n"
                + "  DynamoDB     $0.625/M write units (1 per KB of item), $0.125/M read units (1 per 4 KB,"
                + " strongly consistent)%n"
                + "  Transfer     $0.09/GB out to the internet: the answer to the caller, request bodies the agent"
                + " downloads from S3, WebSocket messages to the agent%n%n");
        System.out.printf(Locale.ROOT, "%-6s %-9s %9s %9s %9s %9s %9s %9s | %10s%n", "body", "direction", "HTTP API",
                "WebSocket", "Lambda", "S3", "DynamoDB", "transfer", "total/M");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-6s %-9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f | %10.2f%n",
                    label(r.size()), r.direction(), r.httpApiCost() * 1e6, r.webSocketCost() * 1e6,
                    r.lambdaCost() * 1e6, r.s3Cost() * 1e6, r.dynamoDbCost() * 1e6, r.transferCost() * 1e6,
                    r.total() * 1e6);
        }
        Result fourMb = results.stream().filter(r -> r.size() == 4 * MB && !r.upload()).findFirst().orElseThrow();
        printAlternative(fourMb);
    }

    /**
     * The same 4 MB response carried the other way: as WebSocket messages from the agent, each a response
     * function invocation writing a part to DynamoDB, which the forwarding function reads back.
     */
    private static void printAlternative(Result measured) {
        long base64 = (measured.size() + 2L) / 3 * 4;
        int partBytes = 120 * KB;
        long messages = (base64 + partBytes - 1) / partBytes;
        long unitsPerMessage = (partBytes + 512 + WS_METERING_BYTES - 1) / WS_METERING_BYTES;
        long wsUnits = messages * unitsPerMessage + 1;
        long writeUnits = (base64 + KB - 1) / KB;
        long readUnits = (base64 + 4 * KB - 1) / (4 * KB);
        double ws = wsUnits * WS_PER_MESSAGE_UNIT;
        double lambda = (1 + messages) * LAMBDA_PER_INVOCATION + LAMBDA_GB
                * (measured.forwardingMs() / 1000 + messages * RESPONSE_HANDLER_SECONDS) * LAMBDA_PER_GB_SECOND;
        double dynamo = writeUnits * DDB_WRITE_UNIT + readUnits * DDB_READ_UNIT;
        double total = measured.httpApiCost() + ws + lambda + dynamo + measured.transferCost();
        System.out.printf(Locale.ROOT, "%nThe same %s response as WebSocket messages + DynamoDB parts instead of S3:%n"
                        + "  base64 %,d bytes / %d KB parts = %d messages of %d x 32 KB units (+1 for the request):"
                        + " %d units x $1.00/M = $%.2f/M%n"
                        + "  Lambda: 1 forwarding (%.1f ms measured) + %d response invocations of 10 ms:"
                        + " %d x $0.20/M + 0.5 GB x %.3f s x $0.0000133334 = $%.2f/M%n"
                        + "  DynamoDB: %,d write units (1 per KB stored) x $0.625/M"
                        + " + %,d read units (1 per 4 KB read) x $0.125/M = $%.2f/M%n"
                        + "  HTTP API $%.2f/M and transfer out $%.2f/M unchanged%n"
                        + "  total $%.2f per million vs $%.2f through S3 (%.1f x)%n",
                label(measured.size()), base64, partBytes / KB, messages, unitsPerMessage, wsUnits, ws * 1e6,
                measured.forwardingMs(), messages, 1 + messages, measured.forwardingMs() / 1000
                        + messages * RESPONSE_HANDLER_SECONDS, lambda * 1e6, writeUnits, readUnits, dynamo * 1e6,
                measured.httpApiCost() * 1e6, measured.transferCost() * 1e6, total * 1e6, measured.total() * 1e6,
                total / measured.total());
    }

    /**
     * A small GET's latency idle (warm: after a few thousand small requests), then while 8 uploads and 8
     * downloads of 1 MB run at once; the same GET sent to the app directly, alternating with the tunnelled
     * one, shows how much of the slowdown is the machine's: every component shares its two cores here,
     * where on AWS each transfer runs in its own Lambda instance. The small GETs come from a client of their
     * own, as a webhook would not share the downloader's connections: the JDK client reads all its
     * connections on one selector thread, which the transfers keep busy (measured with one shared client:
     * the app reached directly slowed 7-10 times).
     */
    private static void starvation(HttpClient transfers, URI base, URI direct, HttpRequest small, long[] fresh,
                                   AgentConsoleTimes agentTimes) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest directSmall = HttpRequest.newBuilder(direct).timeout(Duration.ofSeconds(35)).GET().build();
        byte[] upload = new byte[MB];
        new Random(1).nextBytes(upload);
        // The transfers' own code paths compiled first (JIT threads took a third of a core during the first
        // measured rounds without this), as after the size cases.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            CompletableFuture.allOf(transfers(transfers, base, upload).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        }
        // The small request's path warmed as make bench warms it (C2 needs about that many: with a few
        // thousand sequential requests only, the idle median came out several ms higher), then at one client.
        LoadRun.run(http, "warmup", small.uri(), 8, 10_000, Duration.ofSeconds(30));
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 2000 && System.nanoTime() < warmUntil; i++) {
            timeMicros(http, small);
        }
        long[] idle = new long[50];
        long[] idleDirect = new long[idle.length];
        awaitConsole(agentTimes);
        for (int i = 0; i < idle.length; i++) {
            idle[i] = timeMicros(http, small);
            idleDirect[i] = timeMicros(http, directSmall);
        }
        long[] idleInAgent = awaitConsole(agentTimes);
        List<Long> during = new ArrayList<>();
        List<Long> duringDirect = new ArrayList<>();
        List<Long> roundsMs = new ArrayList<>();
        long failed = 0;
        long[] collectionsBefore = collections();
        for (int round = 0; round < STARVATION_ROUNDS; round++) {
            List<CompletableFuture<HttpResponse<byte[]>>> started = transfers(transfers, base, upload);
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
        long[] busyInAgent = awaitConsole(agentTimes);
        long[] busy = during.stream().mapToLong(Long::longValue).toArray();
        long[] busyDirect = duringDirect.stream().mapToLong(Long::longValue).toArray();
        System.out.printf(Locale.ROOT, "%nSmall GET (/small, 2 bytes) latency, sequential, ms:%n"
                        + "  tunnel, cold (first requests of the run):  median %.1f%n"
                        + "  tunnel, idle and warm (%d requests):        median %.1f, p90 %.1f%n"
                        + "  direct to the app, idle:                   median %.2f%n"
                        + "  during 8 x 1 MB up + 8 x 1 MB down at once, %d rounds (%s ms, %d failed):%n"
                        + "    tunnel  (%2d requests): median %.1f, max %.1f  -> %.1f x its idle median%n"
                        + "      in the agent (its console, whole ms): median %d, p90 %d (idle: median %d, p90 %d)%n"
                        + "    direct  (%2d requests): median %.1f, max %.1f  -> %.1f x its idle median%n"
                        + "    collections in this JVM (client, gateway, app) meanwhile: %d, %d ms of pauses in all%n",
                median(fresh) / 1000.0, idle.length, median(idle) / 1000.0, percentile(idle, 0.9) / 1000.0,
                median(idleDirect) / 1000.0, STARVATION_ROUNDS, roundsMs, failed,
                busy.length, median(busy) / 1000.0, max(busy) / 1000.0, (double) median(busy) / median(idle),
                median(busyInAgent), percentile(busyInAgent, 0.9), median(idleInAgent), percentile(idleInAgent, 0.9),
                busyDirect.length, median(busyDirect) / 1000.0, max(busyDirect) / 1000.0,
                (double) median(busyDirect) / median(idleDirect), collectionsAfter[0] - collectionsBefore[0],
                collectionsAfter[1] - collectionsBefore[1]);
    }

    /** The agent's times for the small requests answered so far, once its console has caught up. */
    private static long[] awaitConsole(AgentConsoleTimes agentTimes) throws InterruptedException {
        // The agent writes its request lines in bursts, at most 50 ms late.
        Thread.sleep(250);
        return agentTimes.drain();
    }

    /** Starts 8 uploads of {@code upload} and 8 downloads of 1 MB through the tunnel, all at once. */
    private static List<CompletableFuture<HttpResponse<byte[]>>> transfers(HttpClient client, URI base,
                                                                           byte[] upload) {
        List<CompletableFuture<HttpResponse<byte[]>>> started = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            started.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/upload"))
                    .timeout(Duration.ofSeconds(35)).POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            started.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/bytes/" + MB))
                    .timeout(Duration.ofSeconds(35)).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        return started;
    }

    /**
     * Garbage collections of this JVM so far and their accumulated time: a collection stops every thread,
     * the small requests' included (GC logs showed 13-32 ms pauses here and 40-77 ms in the agent during
     * the transfers, copying the megabyte bodies in flight).
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

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    /** The app behind the tunnel: /upload answers the body's SHA-256 and length, /bytes/N answers N bytes. */
    private static HttpServer startApp() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "bench-app");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/upload", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            send(exchange, (sha256(body) + " " + body.length).getBytes(StandardCharsets.US_ASCII));
        });
        server.createContext("/bytes/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int size = Integer.parseInt(exchange.getRequestURI().getPath().substring("/bytes/".length()));
            byte[] body = new byte[Math.min(size, ProtocolLimits.MAX_BODY_BYTES + 1)];
            new Random(size).nextBytes(body);
            send(exchange, body);
        });
        server.createContext("/small", exchange -> {
            exchange.getRequestBody().readAllBytes();
            send(exchange, "ok".getBytes(StandardCharsets.US_ASCII));
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
