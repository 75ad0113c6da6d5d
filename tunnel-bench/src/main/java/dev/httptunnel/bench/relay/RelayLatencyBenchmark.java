package dev.httptunnel.bench.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.agent.inspect.InspectorSettings;
import dev.httptunnel.agent.testing.AgentSide;
import dev.httptunnel.agent.testing.FakeTunnelService;
import dev.httptunnel.bench.Percentiles;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Measures the agent's relay latency on loopback: the fake tunnel service sends {@code http_request}s for a
 * ~700-byte page of a JDK {@link HttpServer} app (keep-alive, as the sample app) and waits for each answer,
 * closed loop, with 1 and then N concurrent clients. It prints p50/p99 of three figures per run:
 * <ul>
 *   <li>{@code direct}: a JDK HttpClient GET of the app itself, the floor;</li>
 *   <li>{@code agent}: receipt of {@code http_request} to the answer handed to the WebSocket, as the agent's
 *       own request log reports it (what the console prints);</li>
 *   <li>{@code round trip}: the fake service's send of the request to the answer's last frame received,
 *       so WebSocket framing and flushing on both sides are included.</li>
 * </ul>
 * Bounded in time: each run stops at its request count or after {@code maxSeconds}. With
 * {@code --inspector on} the agent runs its request inspector as the CLI does (captures kept on disk, in a
 * temporary directory); {@code --inspector both} measures without it and then with it, for the cost of
 * capturing.
 *
 * <p>Run: {@code make bench-relay} (or {@code java -cp tunnel-bench/target/tunnel-bench.jar
 * dev.httptunnel.bench.relay.RelayLatencyBenchmark [--inspector off|on|both] [requests] [warmup]
 * [clients,...] [maxSeconds] [agentP50BoundMillis]}); a short run is {@code RelayLatencyIT}.
 */
public final class RelayLatencyBenchmark {

    /** Percentiles of one run, in milliseconds. */
    public record Figures(String target, int clients, int requests, double seconds, double p50, double p90,
                          double p99, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %-10s | %7d | %8d | %5.0f | %6.3f | %6.3f | %6.3f | %6.3f |",
                    target, clients, requests, requests / seconds, p50, p90, p99, max);
        }
    }

    private static final String PAGE;

    static {
        StringBuilder page = new StringBuilder("<!doctype html><html><head><title>Sample app</title></head><body>");
        while (page.length() < 680) {
            page.append("<p>The quick brown fox jumps over the lazy dog.</p>");
        }
        PAGE = page.append("</body></html>").toString();
    }

    private final int requests;
    private final int warmup;
    private final double maxSeconds;
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> agentNanos = new ConcurrentLinkedQueue<>();
    private final boolean inspector;
    private String inspected = "";

    public RelayLatencyBenchmark(int requests, int warmup, double maxSeconds) {
        this(requests, warmup, maxSeconds, false);
    }

    /** A benchmark of the agent with its request inspector on when {@code inspector}. */
    public RelayLatencyBenchmark(int requests, int warmup, double maxSeconds, boolean inspector) {
        this.requests = requests;
        this.warmup = warmup;
        this.maxSeconds = maxSeconds;
        this.inspector = inspector;
    }

    public static void main(String[] arguments) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> positional = new ArrayList<>(Arrays.asList(arguments));
        List<Boolean> modes = List.of(false);
        int flag = positional.indexOf("--inspector");
        if (flag >= 0) {
            String mode = flag + 1 < positional.size() ? positional.remove(flag + 1) : "";
            positional.remove(flag);
            modes = switch (mode) {
                case "off" -> List.of(false);
                case "on" -> List.of(true);
                case "both" -> List.of(false, true);
                default -> throw new IllegalArgumentException("--inspector takes off, on or both: '" + mode + "'");
            };
        }
        String[] args = positional.toArray(String[]::new);
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int[] clients = args.length > 2
                ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8};
        double maxSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        double agentP50BoundMillis = args.length > 4 ? Double.parseDouble(args[4]) : Double.MAX_VALUE;
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // As the sample app does: without it the JDK server's separate header and body writes meet
            // Nagle and the client's delayed ACK, and every exchange, direct or tunnelled, stalls on it.
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        boolean withinBound = true;
        for (boolean inspecting : modes) {
            System.out.println();
            System.out.println(inspecting ? "Inspector on (captures kept on disk):" : "Inspector off:");
            System.out.println();
            System.out.println("| target     | clients | requests | req/s | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            RelayLatencyBenchmark benchmark = new RelayLatencyBenchmark(requests, warmup, maxSeconds, inspecting);
            for (Figures figures : benchmark.run(clients)) {
                System.out.println(figures);
                if (figures.target().equals("agent") && !(figures.p50() < agentP50BoundMillis)) {
                    withinBound = false;
                }
            }
            if (inspecting) {
                System.out.println();
                System.out.println(benchmark.inspected);
            }
        }
        if (!withinBound) {
            System.out.println("agent p50 over the " + agentP50BoundMillis + " ms bound");
            System.exit(1);
        }
    }

    /** Runs direct, agent and round-trip figures for each client count, after a warm-up of each path. */
    public List<Figures> run(int... clientCounts) throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        ExecutorService appThreads = Executors.newFixedThreadPool(16, daemon("bench-app"));
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        app.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(page);
                }
            }
        });
        app.setExecutor(appThreads);
        app.start();
        List<Figures> results = new ArrayList<>();
        Path captures = inspector ? Files.createTempDirectory("relay-bench-inspector") : null;
        try (FakeTunnelService service = FakeTunnelService.start()) {
            TunnelAgent agent = TunnelAgent.start(AgentSettings.builder(app.getAddress().getPort())
                    .endpoint(service.endpoint())
                    .listener(new Listener())
                    .inspector(inspector ? InspectorSettings.inMemory().withDirectory(captures, false) : null)
                    .build());
            try {
                AgentSide side = service.awaitEstablishedConnection(Duration.ofSeconds(10));
                agent.awaitEstablished(Duration.ofSeconds(10));
                HttpClient direct = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1).build();
                URI pageUri = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/");
                Exchange directGet = () -> {
                    HttpResponse<byte[]> response = direct.send(
                            HttpRequest.newBuilder(pageUri).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    check(response.statusCode() == 200 && response.body().length == page.length, "direct GET");
                };
                Exchange tunnelled = () -> {
                    Message answer = side.exchange(TunnelRequest.of("bench-" + ids.incrementAndGet(), "GET", "/", "",
                            HeaderList.of("Host", "tunnel1.localhost:8080", "Accept", "text/html"), null),
                            Duration.ofSeconds(10));
                    check(answer instanceof TunnelResponse response && response.status() == 200
                            && response.bodyBytes().length == page.length, "tunnelled GET: " + answer);
                };
                measure(directGet, 1, warmup, "warm-up");
                measure(tunnelled, 1, warmup, "warm-up");
                for (int clients : clientCounts) {
                    results.add(measure(directGet, clients, requests, "direct"));
                    agentNanos.clear();
                    Figures roundTrip = measure(tunnelled, clients, requests, "round trip");
                    results.add(figures("agent", clients, roundTrip.seconds(), new ArrayList<>(agentNanos)));
                    results.add(roundTrip);
                }
                if (inspector) {
                    inspected = inspected(direct, agent.inspectorUrl().orElseThrow());
                }
            } finally {
                agent.close();
            }
        } finally {
            app.stop(0);
            appThreads.shutdownNow();
            if (captures != null) {
                try (Stream<Path> files = Files.walk(captures)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
        return results;
    }

    /** What the inspector kept and dropped, so a run whose captures were dropped is seen as such. */
    private static String inspected(HttpClient client, URI inspectorUrl) throws Exception {
        HttpResponse<String> tunnels = client.send(HttpRequest.newBuilder(inspectorUrl.resolve("/api/tunnels")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = new ObjectMapper().readTree(tunnels.body());
        return "Inspector: " + answer.get("tunnels").get(0).get("metrics").get("http").get("count").asInt()
                + " requests kept, " + answer.get("captures_dropped").asLong() + " captures dropped.";
    }

    @FunctionalInterface
    private interface Exchange {
        void run() throws Exception;
    }

    private Figures measure(Exchange exchange, int clients, int count, String target) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients, daemon("bench-client"));
        AtomicInteger left = new AtomicInteger(count);
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long stopAt = start + (long) (maxSeconds * 1e9);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0 && System.nanoTime() - stopAt < 0) {
                        long sent = System.nanoTime();
                        exchange.run();
                        nanos.add(System.nanoTime() - sent);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return figures(target, clients, (System.nanoTime() - start) / 1e9, new ArrayList<>(nanos));
    }

    private static Figures figures(String target, int clients, double seconds, List<Long> nanos) {
        Percentiles p = Percentiles.of(nanos);
        return new Figures(target, clients, p.count(), seconds, p.median() / 1e6, p.at(0.9) / 1e6,
                p.at(0.99) / 1e6, p.max() / 1e6);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("unexpected answer to the " + what);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class Listener implements AgentListener {
        @Override
        public void onStateChanged(ConnectionState state, String detail) {
        }

        @Override
        public void onEstablished(ConnectionEstablished established) {
        }

        @Override
        public void onRequest(RequestLogEntry entry) {
            agentNanos.add(entry.duration().toNanos());
        }
    }
}
