package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.admin.AdminCommand;
import dev.httptunnel.admin.GatewayAdminApi;
import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.ConnectRefusal;
import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.service.TokenAdmin;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.support.AgentProcess;
import dev.httptunnel.local.support.LocalApp;
import dev.httptunnel.local.support.RawUpgrade;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Tokens and names over real sockets: the local gateway enforces them exactly as the deployed stack does,
 * since it runs the same connect handler on the same token store adapters. Each subclass says where the
 * gateway keeps its state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdentityEndToEndSuite {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** Short, so that callers of a revoked token's name get their 503 quickly. */
    static final Duration OFFLINE_HOLD = Duration.ofMillis(500);

    private LocalGateway gateway;
    private TokenAdmin admin;
    private LocalApp app;
    /** Names of the pattern the hostile-name cases claim after each refusal: each is claimed once only. */
    private final AtomicInteger fineNames = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    protected abstract GatewayStorage newStorage() throws Exception;

    @BeforeAll
    void startGateway() throws Exception {
        gateway = LocalGateway.start(GatewaySettings.builder().host("127.0.0.1").ports(0, 0)
                .offlineHold(OFFLINE_HOLD).build(), newStorage());
        admin = gateway.tokenAdmin();
        app = LocalApp.start();
    }

    @AfterAll
    void stopGateway() throws Exception {
        if (app != null) {
            app.close();
        }
        if (gateway != null) {
            gateway.close();
            gateway.storage().close();
        }
    }

    private TokenAdmin.CreatedToken token(NamePattern... grants) {
        return admin.create(Optional.empty(), List.of(grants));
    }

    private int upgradeStatus(String extraHeaderLines) throws Exception {
        return RawUpgrade.status(gateway.webSocketPort(), "/" + gateway.settings().stage(), extraHeaderLines, WAIT);
    }

    private static String bearer(AgentToken token) {
        return "Authorization: Bearer " + token.secret() + "\r\n";
    }

    /** An agent in this JVM, reporting every state change; its backoff is short so refusals repeat quickly. */
    private TunnelAgent agent(AgentToken token, String name, BlockingQueue<String> states) {
        return TunnelAgent.start(AgentSettings.builder(app.port())
                .endpoint(gateway.webSocketUrl())
                .token(token)
                .tunnelName(name)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .listener(new AgentListener() {
                    @Override
                    public void onStateChanged(ConnectionState state, String detail) {
                        states.add(state + ": " + detail);
                    }
                })
                .build());
    }

    private String awaitRefusal(BlockingQueue<String> states) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String state = states.poll(100, TimeUnit.MILLISECONDS);
            // A refused token or name stops the agent: no reconnect follows.
            if (state != null && state.startsWith(ConnectionState.REFUSED + ": ")) {
                return state;
            }
        }
        throw new AssertionError("the agent reported no refusal within " + WAIT);
    }

    private HttpResponse<String> get(String url, String host) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).GET();
        if (host != null) {
            request.header("Host", host);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> byPath(String name, String path) throws Exception {
        return get("http://127.0.0.1:" + gateway.httpPort() + "/" + name + path, null);
    }

    private HttpResponse<String> bySubdomain(String name, String path) throws Exception {
        return get("http://127.0.0.1:" + gateway.httpPort() + path, name + ".localhost:" + gateway.httpPort());
    }

    @Test
    void missingMalformedUnknownAndRevokedTokens_areRefusedAtTheUpgrade_withTheirStatus() throws Exception {
        AgentToken revoked = token().token();
        admin.revoke(revoked.secret());
        String secret = token().token().secret();
        String mistyped = secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a");

        assertThat(upgradeStatus("")).as("no token").isEqualTo(401);
        assertThat(upgradeStatus("Authorization: Bearer " + mistyped + "\r\n")).as("malformed").isEqualTo(401);
        assertThat(upgradeStatus(bearer(AgentToken.generate(new SecureRandom())))).as("unknown").isEqualTo(401);
        assertThat(upgradeStatus(bearer(revoked))).as("revoked").isEqualTo(403);
        assertThat(gateway.connections().size()).isZero();
    }

    @Test
    void anAgentWithAnUnknownToken_isToldTheServiceRefusedIt_with401() throws Exception {
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        try (TunnelAgent refused = agent(AgentToken.generate(new SecureRandom()), null, states)) {
            assertThat(awaitRefusal(states)).contains("HTTP 401");
        }
    }

    static Stream<String> hostileHeaderLines() {
        String valid = "htun_" + "A".repeat(32) + "AAAAAA";
        return Stream.of(
                "Authorization: Bearer " + "x".repeat(9_000) + "\r\n",
                "Authorization: Bearer htun_\u00e9\u00e8\u00ff" + "a".repeat(35) + "\r\n",
                "Authorization: Bearer " + valid + "\r\nX-Injected: 1\r\n",
                "Authorization: Bearer ' OR '1'='1\r\n",
                "Authorization: Bearer {\"$gt\":\"\"}\r\n",
                "Authorization: Bearer \"},{\"admin\":true\r\n",
                "Authorization: " + "Bearer ".repeat(1_000) + "\r\n");
    }

    @ParameterizedTest
    @MethodSource("hostileHeaderLines")
    void hostileTokens_areRefusedWith401_andTheGatewayKeepsServing(String headerLines) throws Exception {
        assertThat(upgradeStatus(headerLines)).isEqualTo(401);

        assertThat(upgradeStatus(bearer(token().token()))).as("a good token right after").isEqualTo(101);
    }

    static Stream<String> hostileNames() {
        return Stream.of("x".repeat(5_000), "sh\u00f6p", "shop\r\nX-Injected: 1", "'; DROP TABLE tokens; --",
                "{\"name\":\"shop\"}", "SHOP", "xn--shop", "-shop", "shop.example.com", "../shop");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void hostileNames_areRefusedWith409_andTheGatewayKeepsServing(String hostile) throws Exception {
        AgentToken token = token(NamePattern.of("shop*")).token();

        assertThat(upgradeStatus(bearer(token) + "X-Tunnel-Name: " + hostile + "\r\n")).isEqualTo(409);

        assertThat(admin.find(token.secret()).orElseThrow().names()).as("names claimed").hasSize(1);
        String fine = "shop-" + fineNames.incrementAndGet();
        assertThat(upgradeStatus(bearer(token) + "X-Tunnel-Name: " + fine + "\r\n")).as(fine).isEqualTo(101);
    }

    /** {@code tunnel-admin --gateway URL --gateway-key-file FILE token ARGS...}: its status and what it printed. */
    private String[] tunnelAdmin(Path keyFile, String... tokenArgs) {
        var out = new StringWriter();
        var err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--gateway", "http://127.0.0.1:" + gateway.webSocketPort(),
                "--gateway-key-file", keyFile.toString(), "token"));
        args.addAll(List.of(tokenArgs));
        int status = new CommandLine(new AdminCommand()).setStopAtPositional(true)
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void theAdminCommand_createsListsGrantsAndRevokes_onTheGatewaysStorage(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("admin-key");
        Files.writeString(keyFile, gateway.adminKey());
        String name = "admin-" + fineNames.incrementAndGet();

        String[] created = tunnelAdmin(keyFile, "create", "--quiet", "--grant", name);
        assertThat(created[0]).as(created[2]).isEqualTo("0");
        AgentToken token = AgentToken.parse(created[1].strip());

        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        try (TunnelAgent agent = agent(token, name, states)) {
            assertThat(agent.awaitEstablished(WAIT).tunnelId()).isEqualTo(name);
            assertThat(byPath(name, "/echo/admin").statusCode()).isEqualTo(200);

            String listed = tunnelAdmin(keyFile, "list")[1];
            assertThat(listed).contains(token.displayPrefix(), name, "active").doesNotContain(token.secret());
            assertThat(tunnelAdmin(keyFile, "grant", token.displayPrefix(), name + "-*")[1]).contains(name + "-*");

            String[] revoked = tunnelAdmin(keyFile, "revoke", token.displayPrefix());
            assertThat(revoked[1]).contains("closed 1 live connection.");
            assertThat(agent.refusal().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).reason())
                    .isEqualTo(ConnectRefusal.REVOKED_TOKEN);
        }
        assertThat(tunnelAdmin(keyFile, "list")[1]).contains("revoked ");
    }

    @Test
    void theAgentProcess_stopsWithAMessageAndItsOwnExitCode_forEachRefusal() throws Exception {
        TokenAdmin.CreatedToken revoked = token();
        admin.revoke(revoked.token().secret());
        AgentToken unknown = AgentToken.generate(new SecureRandom());
        AgentToken granted = token().token();
        record Case(AgentToken token, String[] args, int exit, String says) {
        }
        for (Case c : List.of(new Case(unknown, new String[0], 3, "does not know"),
                new Case(revoked.token(), new String[0], 4, "revoked"),
                new Case(granted, new String[] {"--name", "nobodys-" + fineNames.incrementAndGet()}, 5,
                        "is not granted"))) {
            try (AgentProcess agent = AgentProcess.start(app.port(), gateway.webSocketUrl(), c.token(), c.args())) {
                assertThat(agent.awaitExit(WAIT)).as("%s", agent.output()).isEqualTo(c.exit());
                assertThat(String.join("\n", agent.output())).contains(c.says, c.token().displayPrefix())
                        .doesNotContain(c.token().secret());
            }
        }
    }

    @Test
    void anEndpointWithAWrongStageOrPath_stopsTheAgentProcess_sayingWhatIsLikelyWrong() throws Exception {
        AgentToken token = token().token();
        record Case(URI endpoint, int exit, String says) {
        }
        for (Case c : List.of(
                new Case(URI.create("ws://localhost:" + gateway.webSocketPort() + "/prod"), 4,
                        "most likely the stage in the endpoint's path (/prod)"),
                new Case(URI.create("ws://localhost:" + gateway.httpPort() + "/"), 6,
                        "no WebSocket API is at that URL"))) {
            try (AgentProcess agent = AgentProcess.start(app.port(), c.endpoint(), token)) {
                assertThat(agent.awaitExit(WAIT)).as("%s", agent.output()).isEqualTo(c.exit());
                assertThat(String.join("\n", agent.output())).contains(c.says());
            }
        }
    }

    @Test
    void theGatewaysTokenCommands_wantItsKey(@TempDir Path dir) throws Exception {
        Path wrongKey = dir.resolve("old-key");
        Files.writeString(wrongKey, "a-key-of-an-earlier-run");
        String[] refused = tunnelAdmin(wrongKey, "list");
        assertThat(refused[0]).isEqualTo("1");
        assertThat(refused[2]).contains("answered 401", "not this gateway's");
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.webSocketPort() + GatewayAdminApi.PATH)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[\"create\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    @Test
    void revokingAToken_closesItsLiveTunnelWithinFiveSeconds_andRefusesItsReconnects() throws Exception {
        TokenAdmin.CreatedToken created = token();
        String name = created.record().defaultName();
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        try (TunnelAgent agent = agent(created.token(), null, states)) {
            assertThat(agent.awaitEstablished(WAIT).tunnelId()).isEqualTo(name);
            assertThat(byPath(name, "/echo/before").statusCode()).isEqualTo(200);
            states.clear();

            long start = System.nanoTime();
            assertThat(admin.revoke(created.record().displayPrefix()).closedConnections()).hasSize(1);
            while (gateway.storage().connections().findNewestByTunnel(name).isPresent()
                    && System.nanoTime() - start < WAIT.toNanos()) {
                Thread.sleep(20);
            }
            Duration closedIn = Duration.ofNanos(System.nanoTime() - start);

            assertThat(closedIn).isLessThan(Duration.ofSeconds(5));
            // The name stays the revoked token's: its callers are held, then told the tunnel is offline.
            HttpResponse<String> after = byPath(name, "/echo/after");
            assertThat(after.statusCode()).isEqualTo(503);
            assertThat(after.headers().firstValue("x-tunnel-error")).hasValue("tunnel_offline");
            assertThat(awaitRefusal(states)).contains("HTTP 403");
        }
    }

    @Test
    void aTokensDefaultUrl_isTheSameAcrossThreeAgentRestarts() throws Exception {
        TokenAdmin.CreatedToken created = token();
        for (int start = 1; start <= 3; start++) {
            try (AgentProcess agent = AgentProcess.start(app.port(), gateway.webSocketUrl(), created.token())) {
                assertThat(agent.awaitTunnel(WAIT)).as("start %d", start).isEqualTo(created.record().defaultName());
                if (start == 3) {
                    assertThat(byPath(created.record().defaultName(), "/echo/third").statusCode()).isEqualTo(200);
                }
                agent.kill();
            }
        }
    }

    @Test
    void anExactGrant_isServedUnderBothUrlForms() throws Exception {
        AgentToken token = token(NamePattern.of("shop")).token();
        try (TunnelAgent agent = agent(token, "shop", new LinkedBlockingQueue<>())) {
            assertThat(agent.awaitEstablished(WAIT).tunnelId()).isEqualTo("shop");

            HttpResponse<String> path = byPath("shop", "/echo/path?q=1");
            HttpResponse<String> subdomain = bySubdomain("shop", "/echo/sub?q=2");

            assertThat(path.statusCode()).isEqualTo(200);
            assertThat(path.headers().firstValue("x-echo-target")).hasValue("/echo/path?q=1");
            assertThat(subdomain.statusCode()).isEqualTo(200);
            assertThat(subdomain.headers().firstValue("x-echo-target")).hasValue("/echo/sub?q=2");
        }
    }

    @Test
    void aPatternGrant_servesANameOfThePattern_underBothUrlForms() throws Exception {
        AgentToken token = token(NamePattern.of("alice-*")).token();
        try (TunnelAgent agent = agent(token, "alice-demo", new LinkedBlockingQueue<>())) {
            assertThat(agent.awaitEstablished(WAIT).tunnelId()).isEqualTo("alice-demo");

            assertThat(byPath("alice-demo", "/echo/p").statusCode()).isEqualTo(200);
            assertThat(bySubdomain("alice-demo", "/echo/s").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aNameNotGranted_orHeldByAnotherToken_isRefusedWith409() throws Exception {
        AgentToken holder = token(NamePattern.of("cafe")).token();
        AgentToken other = token(NamePattern.of("team-*")).token();
        BlockingQueue<String> states = new LinkedBlockingQueue<>();

        assertThat(upgradeStatus(bearer(other) + "X-Tunnel-Name: cafe\r\n")).as("held by another").isEqualTo(409);
        assertThat(upgradeStatus(bearer(holder) + "X-Tunnel-Name: team-red\r\n")).as("not granted").isEqualTo(409);
        try (TunnelAgent refused = agent(other, "cafe", states)) {
            assertThat(awaitRefusal(states)).contains("HTTP 409");
        }
        assertThat(admin.find(other.secret()).orElseThrow().names()).doesNotContain("cafe");
    }
}
