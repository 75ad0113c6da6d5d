package dev.httptunnel.bench.continuity;

import dev.httptunnel.bench.AgentJarProcess;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.support.LocalApp;
import dev.httptunnel.local.support.SteadyLoad;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * {@code make bench-continuity}: what callers see while the agent's connection changes under a steady load
 * of back-to-back callers, on loopback (gateway with in-memory storage in this JVM, the agent's jar in a JVM
 * of its own, as users run it). Four scenarios, each on a fresh gateway: the agent killed with SIGKILL and
 * started again with the same token; its socket dropped by the gateway ({@code DELETE @connections}), the
 * agent reconnecting by itself; the agent stopped with SIGTERM and not started again; rotations with the
 * gateway's connection limit shortened. Each is bounded: load for {@code --before} seconds, the event, load
 * until the name is served again (30 s at most) and {@code --after} seconds more; after SIGTERM the load runs
 * through the hold and {@code --after} seconds more. The stage throttle is opened (the benchmark measures the
 * tunnel, not the throttle); the offline hold is the default's, 10 s, unless {@code --hold} says otherwise.
 *
 * <p>Usage: {@code java -cp tunnel-bench.jar dev.httptunnel.bench.continuity.ContinuityBenchmark --agent-jar
 * PATH [--callers 4] [--before 3] [--after 3] [--restart-after 2] [--hold 10] [--rotation-limit 6]}, in seconds.
 */
public final class ContinuityBenchmark {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);
    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);
    private static final int ROTATIONS = 3;

    private final Path agentJar;
    private final int callers;
    private final Duration before;
    private final Duration after;
    private final Duration restartAfter;
    private final Duration hold;
    private final Duration rotationLimit;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ContinuityBenchmark(Path agentJar, int callers, Duration before, Duration after, Duration restartAfter,
                                Duration hold, Duration rotationLimit) {
        this.agentJar = agentJar;
        this.callers = callers;
        this.before = before;
        this.after = after;
        this.restartAfter = restartAfter;
        this.hold = hold;
        this.rotationLimit = rotationLimit;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path agentJar = null;
        int callers = 4;
        int before = 3;
        int after = 3;
        int restartAfter = 2;
        int hold = 10;
        int rotationLimit = 6;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent-jar" -> agentJar = Path.of(args[++i]);
                case "--callers" -> callers = Integer.parseInt(args[++i]);
                case "--before" -> before = Integer.parseInt(args[++i]);
                case "--after" -> after = Integer.parseInt(args[++i]);
                case "--restart-after" -> restartAfter = Integer.parseInt(args[++i]);
                case "--hold" -> hold = Integer.parseInt(args[++i]);
                case "--rotation-limit" -> rotationLimit = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --agent-jar "
                        + "PATH --callers N --before S --after S --restart-after S --hold S --rotation-limit S)");
            }
        }
        if (callers < 1 || callers > 64 || before < 1 || after < 1 || restartAfter < 0 || restartAfter > 5
                || hold < 1 || hold > 20 || rotationLimit < 2 || rotationLimit > 60) {
            throw new IllegalArgumentException("out of bounds: --callers 1..64, --before and --after ≥ 1, "
                    + "--restart-after 0..5, --hold 1..20, --rotation-limit 2..60");
        }
        ContinuityBenchmark benchmark = new ContinuityBenchmark(agentJar, callers, Duration.ofSeconds(before),
                Duration.ofSeconds(after), Duration.ofSeconds(restartAfter), Duration.ofSeconds(hold),
                Duration.ofSeconds(rotationLimit));
        System.out.printf(Locale.ROOT, "%nhttp-tunnel continuity benchmark: loopback, in-memory gateway in this JVM, "
                        + "agent in its own; %d cores, %s; %d back-to-back callers, offline hold %d s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), callers, hold);
        try (LocalApp app = LocalApp.start()) {
            List<ScenarioTally> tallies = new ArrayList<>();
            tallies.add(benchmark.killedAndRestarted(app));
            tallies.add(benchmark.droppedByTheGateway(app));
            tallies.add(benchmark.terminated(app));
            tallies.add(benchmark.rotations(app));
            ScenarioTally.printTable(tallies);
        }
    }

    private LocalGateway gateway(GatewaySettings.Builder settings) throws Exception {
        return LocalGateway.start(settings.ports(0, 0).throttle(GatewaySettings.Throttle.UNTHROTTLED)
                .offlineHold(hold).build(), GatewayStorage.inMemory(Clock.systemUTC()));
    }

    private SteadyLoad load(LocalGateway gateway, String tunnelId, String label) throws InterruptedException {
        SteadyLoad load = SteadyLoad.start(http, "http://127.0.0.1:" + gateway.httpPort() + "/" + tunnelId, label,
                callers, REQUEST_TIMEOUT);
        load.awaitAnswered(callers, BACK_WITHIN);
        Thread.sleep(before.toMillis()); // the measured period before the event
        return load;
    }

    private ScenarioTally killedAndRestarted(LocalApp app) throws Exception {
        try (LocalGateway gateway = gateway(GatewaySettings.builder())) {
            AgentToken token = gateway.tokenAdmin().create(Optional.empty(), List.of()).token();
            String tunnelId;
            SteadyLoad load;
            String killedConnection;
            long gapStart;
            try (AgentJarProcess agent = AgentJarProcess.start(List.of(), agentJar, app.port(), gateway, token)) {
                tunnelId = agent.awaitTunnel(line -> { });
                load = load(gateway, tunnelId, "sigkill");
                killedConnection = connectionOf(gateway, tunnelId);
                gapStart = System.nanoTime();
                agent.kill();
            }
            Thread.sleep(restartAfter.toMillis()); // the agent is down this long before its restart
            try (AgentJarProcess restarted = AgentJarProcess.start(List.of(), agentJar, app.port(), gateway, token)) {
                restarted.awaitTunnel(line -> { });
                long gapEnd = awaitConnectionOtherThan(gateway, tunnelId, killedConnection);
                Thread.sleep(after.toMillis());
                return ScenarioTally.of("SIGKILL, restarted after " + restartAfter.toSeconds() + " s",
                        load.stop(REQUEST_TIMEOUT), gapStart, gapEnd, app::timesEchoed);
            }
        }
    }

    private ScenarioTally droppedByTheGateway(LocalApp app) throws Exception {
        try (LocalGateway gateway = gateway(GatewaySettings.builder());
             ApiGatewayManagementApiClient managementApi = managementApi(gateway);
             AgentJarProcess agent = AgentJarProcess.start(List.of(), agentJar, app.port(), gateway)) {
            String tunnelId = agent.awaitTunnel(line -> { });
            SteadyLoad load = load(gateway, tunnelId, "dropped");
            String dropped = connectionOf(gateway, tunnelId);
            long gapStart = System.nanoTime();
            managementApi.deleteConnection(r -> r.connectionId(dropped));
            long gapEnd = awaitConnectionOtherThan(gateway, tunnelId, dropped);
            Thread.sleep(after.toMillis());
            return ScenarioTally.of("socket dropped by the gateway", load.stop(REQUEST_TIMEOUT), gapStart, gapEnd,
                    app::timesEchoed);
        }
    }

    private ScenarioTally terminated(LocalApp app) throws Exception {
        try (LocalGateway gateway = gateway(GatewaySettings.builder());
             AgentJarProcess agent = AgentJarProcess.start(List.of(), agentJar, app.port(), gateway)) {
            String tunnelId = agent.awaitTunnel(line -> { });
            SteadyLoad load = load(gateway, tunnelId, "sigterm");
            long gapStart = System.nanoTime();
            if (!agent.terminate(BACK_WITHIN)) {
                throw new IllegalStateException("the agent still ran " + BACK_WITHIN + " after SIGTERM");
            }
            Thread.sleep(hold.plus(after).toMillis()); // callers arriving now are held, then told it is offline
            List<SteadyLoad.Outcome> outcomes = load.stop(REQUEST_TIMEOUT);
            return ScenarioTally.of("SIGTERM, not restarted", outcomes, gapStart, System.nanoTime(),
                    app::timesEchoed);
        }
    }

    private ScenarioTally rotations(LocalApp app) throws Exception {
        AtomicInteger rotated = new AtomicInteger();
        try (LocalGateway gateway = gateway(GatewaySettings.builder().maxConnectionDuration(rotationLimit));
             AgentJarProcess agent = AgentJarProcess.start(List.of(), agentJar, app.port(), gateway)) {
            String tunnelId = agent.awaitTunnel(line -> {
                if (line.contains("Rotated")) {
                    rotated.incrementAndGet();
                }
            });
            SteadyLoad load = load(gateway, tunnelId, "rotation");
            long deadline = System.nanoTime() + rotationLimit.multipliedBy(ROTATIONS + 1).toNanos();
            while (rotated.get() < ROTATIONS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(after.toMillis());
            long now = System.nanoTime();
            return ScenarioTally.of(rotated.get() + " rotations, limit " + rotationLimit.toSeconds() + " s",
                    load.stop(REQUEST_TIMEOUT), now, now, app::timesEchoed);
        }
    }

    private static String connectionOf(LocalGateway gateway, String tunnelId) {
        return gateway.storage().connections().findNewestByTunnel(tunnelId).map(Connection::connectionId)
                .orElseThrow(() -> new IllegalStateException("no connection serves " + tunnelId));
    }

    /** When the name is served by a connection other than {@code old}, polled every 5 ms. */
    private static long awaitConnectionOtherThan(LocalGateway gateway, String tunnelId, String old)
            throws InterruptedException {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> current = gateway.storage().connections().findNewestByTunnel(tunnelId)
                    .map(Connection::connectionId);
            if (current.isPresent() && !current.get().equals(old)) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no new connection served " + tunnelId + " within " + BACK_WITHIN);
    }

    private static ApiGatewayManagementApiClient managementApi(LocalGateway gateway) {
        return ApiGatewayManagementApiClient.builder()
                .httpClient(AwsClients.httpClientBuilder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .region(Region.US_EAST_1)
                .endpointOverride(gateway.managementEndpoint())
                .build();
    }
}
