package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.support.AgentProcess;
import dev.httptunnel.local.support.LocalApp;
import dev.httptunnel.local.support.RecordingSocket;
import dev.httptunnel.local.support.SteadyLoad;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ProtocolLimits;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The whole tunnel on loopback: the local gateway running the unmodified handlers, the real agent, and a
 * local app. Each subclass says where the gateway keeps its state ({@link #newStorage()}), so the same
 * suite runs on memory and on a DynamoDB-compatible server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TunnelEndToEndSuite {

    /** The forwarding handler's deadline, shortened from 27 s so the 504 cases stay quick. */
    /**
     * The forwarding handler's wait, shortened so the deadline tests are quick, yet long enough for a
     * burst of 100 requests on two busy cores (2 s failed once in CI under a parallel build).
     */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    static final Duration WAIT = Duration.ofSeconds(15);
    /** How long requests for a name whose agent is away are held: shortened, as the deadline is. */
    static final Duration OFFLINE_HOLD = Duration.ofSeconds(3);

    protected LocalGateway gateway;
    private LocalApp app;
    private TunnelAgent agent;
    private ConnectionEstablished tunnel;
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    /** Where the gateway under test keeps connections and pending requests; a fresh store per class. */
    protected abstract GatewayStorage newStorage() throws Exception;

    /** How long the forwarding handler waits for the agent in this suite. */
    protected Duration deadline() {
        return DEADLINE;
    }

    @BeforeAll
    void startTunnel() throws Exception {
        gateway = LocalGateway.start(GatewaySettings.builder().host("127.0.0.1").ports(0, 0)
                .responseDeadline(deadline()).offlineHold(OFFLINE_HOLD).build(), newStorage());
        app = LocalApp.start();
        agent = TunnelAgent.start(agentSettings(app.port(), AgentListener.NONE));
        tunnel = agent.awaitEstablished(WAIT);
    }

    @AfterAll
    void stopTunnel() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (app != null) {
            app.close();
        }
        if (gateway != null) {
            gateway.close();
            gateway.storage().close();
        }
    }

    /**
     * The agent as the tests run it: a token of its own, the default settings but a larger queue, so that 100
     * simultaneous requests fit (32 relayed + 64 queued by default would refuse 4 with agent_busy), and a
     * short backoff.
     */
    private AgentSettings agentSettings(int localPort, AgentListener listener) {
        return agentSettings(localPort, newToken(), listener);
    }

    private AgentSettings agentSettings(int localPort, AgentToken token, AgentListener listener) {
        return agentSettings(gateway, localPort, token, listener);
    }

    private AgentToken newToken() {
        return gateway.tokenAdmin().create(Optional.empty(), List.of()).token();
    }

    private URI url(String tunnelId, String pathAndQuery) {
        return URI.create("http://localhost:" + gateway.httpPort() + "/" + tunnelId + pathAndQuery);
    }

    protected HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(url(tunnel.tunnelId(), pathAndQuery)).timeout(WAIT);
    }

    protected HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"})
    void everyMethod_reachesTheLocalAppAsSent(String method) throws Exception {
        byte[] body = method.equals("GET") || method.equals("OPTIONS") ? new byte[0] : random(300, method.hashCode());

        HttpResponse<byte[]> response = send(request("/echo/m")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-method")).hasValue(method);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void head_returnsTheHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> response = send(request("/echo/head").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-method")).hasValue("HEAD");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, 24_000, 60_000, 90_000})
    void randomBinaryBodies_crossBothWays_withMatchingChecksums(int size) throws Exception {
        byte[] body = random(size, size);

        HttpResponse<byte[]> response = send(request("/echo/binary")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-sha256")).hasValue(LocalApp.sha256(body));
        assertThat(LocalApp.sha256(response.body())).isEqualTo(LocalApp.sha256(body));
    }

    @Test
    void bodyAbove32KB_crossesInSeveralFramesOfAtMost32KB_eachWay() throws Exception {
        byte[] body = random(60_000, 42);

        HttpResponse<byte[]> response = send(request("/echo/frames")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.body()).isEqualTo(body);
        // 60,000 bytes are 80,000 base64 characters inside the JSON message: three frames at least.
        var traffic = gateway.meters().webSocket();
        assertThat(traffic.out().mostFramesInOneMessage()).isGreaterThanOrEqualTo(3);
        assertThat(traffic.in().mostFramesInOneMessage()).isGreaterThanOrEqualTo(3);
        assertThat(traffic.out().largestFrame()).isLessThanOrEqualTo(32 * 1024);
        assertThat(traffic.in().largestFrame()).isLessThanOrEqualTo(32 * 1024);
    }

    /**
     * Sizes straddling every boundary a body meets: the 32 KB frame (24 / 32 KB), the 128 KB message
     * (96 / 128 KB: base64 makes 96 KB the last inline size), DynamoDB's 400 KB item (300 / 400 KB), 1 MB,
     * and the tunnel's maximum. Above 128 KB of message they go through the body bucket (S3 on AWS).
     */
    static final int[] BOUNDARY_SIZES = {24 * 1024, 32 * 1024, 96 * 1024, 128 * 1024, 300 * 1024, 400 * 1024,
            1024 * 1024, ProtocolLimits.MAX_BODY_BYTES};

    static IntStream boundarySizes() {
        return IntStream.of(BOUNDARY_SIZES);
    }

    /** Request direction: a random binary upload, checked by the app's SHA-256 of what it received. */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("boundarySizes")
    void requestBodies_atEveryBoundaryUpToTheMaximum_arriveIntact(int size) throws Exception {
        byte[] body = random(size, size + 7);

        HttpResponse<byte[]> response = send(request("/sha256")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.US_ASCII))
                .isEqualTo(LocalApp.sha256(body) + " " + size);
        assertThat(gateway.bodies().size()).as("objects left in the body bucket").isZero();
    }

    /** Response direction: random binary bytes from the app, checked against their SHA-256. */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("boundarySizes")
    void responseBodies_atEveryBoundaryUpToTheMaximum_arriveIntact(int size) throws Exception {
        HttpResponse<byte[]> response = send(request("/bytes/" + size).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(size);
        assertThat(LocalApp.sha256(response.body())).isEqualTo(LocalApp.sha256(LocalApp.randomBytes(size)));
        assertThat(gateway.bodies().size()).as("objects left in the body bucket").isZero();
    }

    @Test
    void requestOneByteBeyondTheMaximum_is413NamingSizeAndLimit() throws Exception {
        int size = ProtocolLimits.MAX_BODY_BYTES + 1;

        HttpResponse<byte[]> response = send(request("/sha256")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(random(size, 1))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("request_too_large");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains(Integer.toString(size)).contains(Integer.toString(ProtocolLimits.MAX_BODY_BYTES));
        assertThat(gateway.bodies().size()).as("objects left in the body bucket").isZero();
    }

    @Test
    void responseOneByteBeyondTheMaximum_is502NamingSizeAndLimit() throws Exception {
        int size = ProtocolLimits.MAX_BODY_BYTES + 1;

        HttpResponse<byte[]> response = send(request("/bytes/" + size).GET().build());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("response_too_large");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains(Integer.toString(size)).contains(Integer.toString(ProtocolLimits.MAX_BODY_BYTES));
        assertThat(gateway.bodies().size()).as("objects left in the body bucket").isZero();
    }

    @Test
    void requestBeyondTheLambdaPayloadQuota_is413FromTheGateway() throws Exception {
        // 7 MB travel as 9.3 MB of base64: under the HTTP API's 10 MB, over Lambda's 6 MB.
        HttpResponse<byte[]> response = send(request("/echo/huge")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[7_000_000])).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void repeatedQueryParameters_andPercentEncodedPaths_reachTheAppExactly() throws Exception {
        String target = "/echo/a%20b/%2Fslash/%C3%A9t%C3%A9/x+y?x=1&x=2&y=a%26b&empty=&flag&x=3";

        HttpResponse<byte[]> response = send(request(target).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-target")).hasValue(target);
    }

    @Test
    void repeatedRequestHeaders_reachTheApp_commaJoinedAsPayloadFormat2Does() throws Exception {
        HttpResponse<byte[]> response = send(request("/echo/headers")
                .header("X-Multi", "one").header("X-Multi", "two").header("X-Multi", "three").GET().build());

        // API Gateway's payload 2.0 has no multi-value map: the values arrive as one comma-joined header.
        assertThat(response.headers().firstValue("x-echo-multi")).hasValue("one,two,three");
    }

    @Test
    void severalSetCookieHeaders_reachTheCallerSeparately() throws Exception {
        HttpResponse<byte[]> response = send(request("/cookies").GET().build());

        // Path mode: the cookie's Path gets the tunnel prefix, as the Location header does.
        assertThat(response.headers().allValues("set-cookie")).containsExactly(
                "a=1; Path=/" + tunnel.tunnelId() + "/", "b=2; HttpOnly", "c=3; Max-Age=60");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 304, 204})
    void redirectsAndBodilessStatuses_passThroughUnfollowed(int status) throws Exception {
        HttpResponse<byte[]> response = send(request("/status/" + status).GET().build());

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 301 || status == 302) {
            // Path mode: the tunnel prefix is put in front of the app's server-absolute Location.
            assertThat(response.headers().firstValue("location")).hasValue("/" + tunnel.tunnelId() + "/target");
        } else {
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void subdomainUrl_reachesTheTunnel() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/echo/sub?q=1"))
                .header("Host", tunnel.tunnelId() + ".localhost:" + gateway.httpPort())
                .timeout(WAIT).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-target")).hasValue("/echo/sub?q=1");
    }

    @Test
    void unknownTunnel_is404() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("zzzzzzzzzzzz", "/echo"))
                .timeout(WAIT).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("tunnel_not_connected");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("typo")
                .contains("http://localhost:" + gateway.httpPort() + "/<tunnel>/");
    }

    @Test
    void theRootPage_showsTheLocalAddressForms() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + gateway.httpPort() + "/")).timeout(WAIT).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("http://<tunnel>.localhost:" + gateway.httpPort() + "/")
                .contains("http://localhost:" + gateway.httpPort() + "/<tunnel>/").doesNotContain("https://");
    }

    @Test
    void aWebSocketClient_isRefusedWith501_sayingThereIsNoPassthrough() throws Exception {
        URI socket = URI.create("ws://localhost:" + gateway.httpPort() + "/" + tunnel.tunnelId() + "/echo");

        CompletableFuture<java.net.http.WebSocket> opened = http.newWebSocketBuilder()
                .buildAsync(socket, new java.net.http.WebSocket.Listener() { });

        assertThatThrownBy(() -> opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .satisfies(e -> {
                    HttpResponse<?> refusal = ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse();
                    assertThat(refusal.statusCode()).isEqualTo(501);
                    assertThat(refusal.headers().firstValue("x-tunnel-error")).hasValue("websocket_not_supported");
                });
    }

    @Test
    void localAppDown_is502() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (TunnelAgent orphan = TunnelAgent.start(agentSettings(closedPort, AgentListener.NONE))) {
            String tunnelId = orphan.awaitEstablished(WAIT).tunnelId();

            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url(tunnelId, "/")).timeout(WAIT)
                    .GET().build());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("local_service_unavailable");
            assertThat(new String(response.body())).contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void slowApp_is504AtTheDeadline() throws Exception {
        long start = System.nanoTime();

        HttpResponse<byte[]> response = send(request("/slow").GET().build());

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("no_answer");
        assertThat(elapsed).isBetween(deadline(), deadline().plusMillis(1500));
    }

    @Test
    void hundredConcurrentRequests_areAllAnsweredWithTheirOwnBodies() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] body = random(500 + i * 37, 1000 + i);
            bodies.add(body);
            responses.add(http.sendAsync(request("/echo/concurrent/" + i).POST(
                    HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < 100; i++) {
            HttpResponse<byte[]> response = responses.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(response.headers().firstValue("x-echo-target")).hasValue("/echo/concurrent/" + i);
            assertThat(response.body()).as("body of request %d", i).isEqualTo(bodies.get(i));
        }
    }

    /**
     * A killed agent sends no close frame; the OS resets its socket, the gateway drops the connection and
     * the Management API answers 410 from then on. The name stays its token's: a caller arriving while no
     * agent serves it is held until the agent is back (here a restart with the same token), and past the
     * hold gets 503 "tunnel offline" with Retry-After, never 404.
     */
    @Test
    void agentKilled_callersAreHeldUntilItsRestart_andPastTheHoldGet503TunnelOffline() throws Exception {
        AgentToken token = newToken();
        String tunnelId;
        try (AgentProcess process = AgentProcess.start(app.port(), gateway.webSocketUrl(), token)) {
            tunnelId = process.awaitTunnel(WAIT);
            assertThat(send(HttpRequest.newBuilder(url(tunnelId, "/echo/warm")).GET().build()).statusCode())
                    .isEqualTo(200);
            process.kill();
            awaitNoConnection(tunnelId);
        }

        CompletableFuture<HttpResponse<byte[]>> held = http.sendAsync(
                HttpRequest.newBuilder(url(tunnelId, "/echo/held")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(300);
        try (TunnelAgent restarted = TunnelAgent.start(agentSettings(app.port(), token, AgentListener.NONE))) {
            assertThat(restarted.awaitEstablished(WAIT).tunnelId()).as("the token's name, kept").isEqualTo(tunnelId);
            HttpResponse<byte[]> response = held.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-echo-target")).hasValue("/echo/held");
        }
        awaitNoConnection(tunnelId);

        long start = System.nanoTime();
        HttpResponse<byte[]> offline = send(HttpRequest.newBuilder(url(tunnelId, "/echo/after")).GET().build());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(offline.statusCode()).isEqualTo(503);
        assertThat(offline.headers().firstValue("x-tunnel-error")).hasValue("tunnel_offline");
        assertThat(offline.headers().firstValue("retry-after")).hasValue("3");
        assertThat(elapsed).isBetween(OFFLINE_HOLD.minusMillis(100), OFFLINE_HOLD.plusSeconds(2));
    }

    @Test
    void aNameNobodyHolds_is404AtOnce() throws Exception {
        long start = System.nanoTime();

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url("nobody-holds-this", "/")).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("tunnel_not_connected");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    /**
     * The gateway runs {@code $disconnect} as soon as the killed agent's socket resets; the forwarding
     * function, checking its connection while it waits, answers the caller long before the deadline.
     */
    @Test
    void requestInFlight_whenTheAgentIsKilled_gets502AgentGone_withinAboutASecond() throws Exception {
        try (AgentProcess process = AgentProcess.start(app.port(), gateway.webSocketUrl(), newToken())) {
            String tunnelId = process.awaitTunnel(WAIT);
            app.forgetSlowArrivals();
            CompletableFuture<HttpResponse<byte[]>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(url(tunnelId, "/slow")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            // Killed before the app has the request, the agent would never see it: not this test's case.
            assertThat(app.awaitSlowRequest(WAIT)).isTrue();

            long killed = System.nanoTime();
            process.kill();

            HttpResponse<byte[]> response = inFlight.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("x-tunnel-error")).hasValue("agent_gone");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("disconnected while this request");
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofMillis(1_500));
        }
    }

    /**
     * Stopped (close(), as Ctrl-C's shutdown hook does), the agent answers what it has in flight before it
     * closes its connection; a caller arriving afterwards is held for the name, then told it is offline.
     */
    @Test
    void agentClosed_answersEveryRequestInFlight_thenLaterCallersGet503TunnelOffline() throws Exception {
        TunnelAgent stopping = TunnelAgent.start(agentSettings(app.port(), AgentListener.NONE));
        String tunnelId = stopping.awaitEstablished(WAIT).tunnelId();
        List<CompletableFuture<HttpResponse<byte[]>>> inFlight = delayedRequestsInFlight(tunnelId, 3);

        stopping.close();

        for (CompletableFuture<HttpResponse<byte[]>> response : inFlight) {
            HttpResponse<byte[]> answered = response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(new String(answered.body(), StandardCharsets.UTF_8)).isEqualTo("late");
        }
        awaitNoConnection(tunnelId);
        HttpResponse<byte[]> later = send(HttpRequest.newBuilder(url(tunnelId, "/echo/later")).GET().build());
        assertThat(later.statusCode()).isEqualTo(503);
        assertThat(later.headers().firstValue("x-tunnel-error")).hasValue("tunnel_offline");
    }

    /** The agent process stopped with SIGTERM: its shutdown hook drains the requests in flight. */
    @Test
    void agentProcessTerminated_answersEveryRequestInFlight() throws Exception {
        try (AgentProcess process = AgentProcess.start(app.port(), gateway.webSocketUrl(), newToken())) {
            String tunnelId = process.awaitTunnel(WAIT);
            List<CompletableFuture<HttpResponse<byte[]>>> inFlight = delayedRequestsInFlight(tunnelId, 3);

            process.terminate(WAIT);

            for (CompletableFuture<HttpResponse<byte[]>> response : inFlight) {
                assertThat(response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode())
                        .as("answered although the agent was stopping; it printed %s", process.output())
                        .isEqualTo(200);
            }
        }
    }

    /**
     * Stopped with SIGTERM under a steady load of concurrent callers: every request in flight is answered by
     * the app; requests arriving during and after the stop are held for the name, then answered 503
     * tunnel_offline once the hold is over, none reaching the app.
     */
    @Test
    void agentTerminatedUnderLoad_answersEveryRequestInFlight_laterCallersAreHeldThen503() throws Exception {
        int callers = 4;
        try (LocalGateway roomy = roomyGateway(GatewaySettings.builder());
             AgentProcess process = AgentProcess.start(app.port(), roomy.webSocketUrl(),
                     roomy.tokenAdmin().create(Optional.empty(), List.of()).token())) {
            String tunnelId = process.awaitTunnel(WAIT);
            SteadyLoad load = SteadyLoad.start(http, tunnelUrl(roomy, tunnelId), "terminated", callers, WAIT);
            load.awaitAnswered(20, WAIT);
            List<CompletableFuture<HttpResponse<byte[]>>> inFlight = delayedRequestsInFlight(roomy, tunnelId, 3);

            process.terminate(WAIT);

            for (CompletableFuture<HttpResponse<byte[]>> response : inFlight) {
                HttpResponse<byte[]> answered = response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(answered.statusCode()).as("answered although the agent was stopping; it printed %s",
                        process.output()).isEqualTo(200);
                assertThat(new String(answered.body(), StandardCharsets.UTF_8)).isEqualTo("late");
            }
            load.awaitAnswered(2 * callers, WAIT);
            List<SteadyLoad.Outcome> outcomes = load.stop(WAIT);
            List<SteadyLoad.Outcome> offline = outcomes.stream().filter(o -> o.status() != 200).toList();
            assertThat(offline).as("later callers told the tunnel is offline").hasSizeGreaterThanOrEqualTo(callers)
                    .allSatisfy(o -> {
                        assertThat(o.status()).as(o.path()).isEqualTo(503);
                        assertThat(o.tunnelError()).as(o.path()).isEqualTo("tunnel_offline");
                        assertThat(app.timesEchoed(o.path())).as("times %s reached the app", o.path()).isZero();
                    });
            assertThat(offline.stream().map(SteadyLoad.Outcome::took).max(Duration::compareTo).orElseThrow())
                    .as("the first were held for the whole hold").isGreaterThanOrEqualTo(OFFLINE_HOLD);
            assertThat(outcomes.stream().filter(o -> o.status() == 200)).hasSizeGreaterThan(20)
                    .allSatisfy(o -> assertThat(app.timesEchoed(o.path())).as(o.path()).isEqualTo(1));
        }
    }

    /**
     * With the gateway's connection limit shortened, the agent learns it from connection_established and
     * replaces its connection before each cut, the new one first; under a steady load of concurrent
     * callers through three rotations every request is answered by the app, exactly once, at the same URL.
     */
    @Test
    void rotationsUnderSteadyLoad_loseNoRequest_answerEachOnce_andKeepTheUrl() throws Exception {
        Duration limit = Duration.ofSeconds(6);
        try (LocalGateway rotating = roomyGateway(GatewaySettings.builder().maxConnectionDuration(limit))) {
            NewsListener listener = new NewsListener();
            try (TunnelAgent rotatingAgent = TunnelAgent.start(agentSettings(rotating, app.port(),
                    rotating.tokenAdmin().create(Optional.empty(), List.of()).token(), listener))) {
                ConnectionEstablished first = listener.established.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(first).isNotNull();
                assertThat(first.maxConnectionSeconds()).isEqualTo(limit.toSeconds());
                SteadyLoad load = SteadyLoad.start(http, tunnelUrl(rotating, first.tunnelId()), "rotation", 4, WAIT);
                for (int rotation = 1; rotation <= 3; rotation++) {
                    assertThat(listener.awaitNews("Rotated")).as("rotation %d", rotation).isNotNull();
                }
                Thread.sleep(500);
                List<SteadyLoad.Outcome> outcomes = load.stop(WAIT);

                assertThat(listener.established).as("no reconnect: the tunnel stayed established throughout").isEmpty();
                assertThat(rotatingAgent.replacement()).as("a rotation replaces no agent").isNotDone();
                assertThat(rotatingAgent.established()).hasValueSatisfying(
                        e -> assertThat(e.publicUrls()).isEqualTo(first.publicUrls()));
                assertThat(outcomes).hasSizeGreaterThan(12).allSatisfy(o -> {
                    assertThat(o.status()).as("%s (%s, reached the app %d times)", o.path(), o.tunnelError(),
                            app.timesEchoed(o.path())).isEqualTo(200);
                    assertThat(app.timesEchoed(o.path())).as("times %s reached the app", o.path()).isEqualTo(1);
                });
            }
        }
    }

    /**
     * A second agent started with the same token and name (on another machine, or in a forgotten terminal)
     * takes the name over: the first is told, prints why and exits with its own code instead of reconnecting,
     * and the second's rotations do not bring it back, so requests keep reaching the second agent's app only.
     */
    @Test
    void aSecondAgentWithTheSameTokenAndName_takesOver_theFirstStops_andRotationsDoNotBringItBack()
            throws Exception {
        Duration limit = Duration.ofSeconds(6);
        try (LocalGateway rotating = roomyGateway(GatewaySettings.builder().maxConnectionDuration(limit));
             LocalApp secondApp = LocalApp.start()) {
            AgentToken token = rotating.tokenAdmin().create(Optional.empty(), List.of()).token();
            try (AgentProcess first = AgentProcess.start(app.port(), rotating.webSocketUrl(), token)) {
                String tunnelId = first.awaitTunnel(WAIT);
                NewsListener listener = new NewsListener();
                try (TunnelAgent second = TunnelAgent.start(agentSettings(rotating, secondApp.port(), token,
                        listener))) {
                    assertThat(second.awaitEstablished(WAIT).tunnelId()).isEqualTo(tunnelId);

                    assertThat(first.awaitExit(WAIT)).as("exit code; it printed %s", first.output()).isEqualTo(7);
                    assertThat(first.output()).as("what the first agent printed")
                            .anySatisfy(line -> assertThat(line).startsWith("Replaced: another agent serves ")
                                    .contains(tunnelId).endsWith("; this one stops."))
                            .noneSatisfy(line -> assertThat(line).startsWith("Disconnected:"));
                    assertEchoedOnlyBy(secondApp, rotating, tunnelId, "/echo/taken-over-");

                    assertThat(listener.awaitNews("Rotated")).as("the second agent's rotation").isNotNull();
                    assertThat(second.state()).isEqualTo(ConnectionState.ESTABLISHED);
                    assertThat(second.replacement()).as("its own rotation does not replace it").isNotDone();
                    assertEchoedOnlyBy(secondApp, rotating, tunnelId, "/echo/rotated-");
                }
            }
        }
    }

    /** A few requests to the tunnel, each answered once by {@code answering}'s app and never by the suite's. */
    private void assertEchoedOnlyBy(LocalApp answering, LocalGateway on, String tunnelId, String pathPrefix)
            throws Exception {
        for (int i = 0; i < 5; i++) {
            String path = pathPrefix + i;
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(tunnelUrl(on, tunnelId) + path))
                    .timeout(WAIT).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(answering.timesEchoed(path)).as("times %s reached the second agent's app", path).isEqualTo(1);
            assertThat(app.timesEchoed(path)).as("times %s reached the first agent's app", path).isZero();
        }
    }

    /**
     * Killed with SIGKILL under load and restarted at once with the same token: requests arriving in the
     * gap are held and answered after the restart; only those in flight on the killed agent fail, each with
     * 502 agent_gone; the URL stays.
     */
    @Test
    void agentKilledUnderLoad_andRestarted_onlyItsRequestsInFlightFail_each502AgentGone() throws Exception {
        try (LocalGateway roomy = roomyGateway(GatewaySettings.builder())) {
            AgentToken token = roomy.tokenAdmin().create(Optional.empty(), List.of()).token();
            String tunnelId;
            SteadyLoad load;
            try (AgentProcess process = AgentProcess.start(app.port(), roomy.webSocketUrl(), token)) {
                tunnelId = process.awaitTunnel(WAIT);
                load = SteadyLoad.start(http, tunnelUrl(roomy, tunnelId), "killed", 4, WAIT);
                load.awaitAnswered(20, WAIT);
                process.kill();
            }
            NewsListener listener = new NewsListener();
            try (TunnelAgent restarted = TunnelAgent.start(agentSettings(roomy, app.port(), token, listener))) {
                assertThat(restarted.awaitEstablished(WAIT).tunnelId()).isEqualTo(tunnelId);
                load.awaitAnswered(20, WAIT);
                assertSurvived(load.stop(WAIT), 4);
            }
        }
    }

    /** The gateway drops the agent's socket under load (as at its limit, or an operator's DELETE). */
    @Test
    void socketDroppedByTheGatewayUnderLoad_theAgentReconnects_onlyItsRequestsInFlightFail() throws Exception {
        try (LocalGateway roomy = roomyGateway(GatewaySettings.builder());
             ApiGatewayManagementApiClient managementApi = managementApi(roomy)) {
            NewsListener listener = new NewsListener();
            try (TunnelAgent dropped = TunnelAgent.start(agentSettings(roomy, app.port(),
                    roomy.tokenAdmin().create(Optional.empty(), List.of()).token(), listener))) {
                ConnectionEstablished first = listener.established.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(first).isNotNull();
                SteadyLoad load = SteadyLoad.start(http, tunnelUrl(roomy, first.tunnelId()), "dropped", 4, WAIT);
                load.awaitAnswered(20, WAIT);
                String connectionId = roomy.storage().connections().findNewestByTunnel(first.tunnelId())
                        .orElseThrow().connectionId();

                managementApi.deleteConnection(r -> r.connectionId(connectionId));

                ConnectionEstablished second = listener.established.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(second).isNotNull();
                assertThat(second.publicUrls()).isEqualTo(first.publicUrls());
                load.awaitAnswered(20, WAIT);
                assertSurvived(load.stop(WAIT), 4);
            }
        }
    }

    /**
     * With the stage throttle low and its message bucket drained by another connection (the bucket is the
     * stage's, shared by every connection), most of the agent's answers to a burst are refused with "Too
     * Many Requests", which does not say which: the agent asks the service which it lacks and sends those
     * again, so every caller gets its answer and each request reached the app once.
     */
    @Test
    void answersRefusedByTheStageThrottle_areSentAgain_andEveryRequestIsAnsweredOnce() throws Exception {
        int burst = 30;
        try (LocalGateway throttled = LocalGateway.start(GatewaySettings.builder().host("127.0.0.1").ports(0, 0)
                .responseDeadline(Duration.ofSeconds(20)).offlineHold(OFFLINE_HOLD)
                .throttle(new GatewaySettings.Throttle(10, burst)).build(), newStorage());
             TunnelAgent throttledAgent = TunnelAgent.start(agentSettings(throttled, app.port(),
                     throttled.tokenAdmin().create(Optional.empty(), List.of()).token(), AgentListener.NONE))) {
            String tunnelId = throttledAgent.awaitEstablished(WAIT).tunnelId();
            WebSocketClient client = new WebSocketClient();
            client.start();
            try {
                drainMessageBucket(client, throttled, burst);
                long messagesBefore = throttled.meters().webSocket().in().messages();

                List<CompletableFuture<HttpResponse<byte[]>>> calls = IntStream.range(0, burst)
                        .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create(tunnelUrl(throttled, tunnelId)
                                + "/echo/throttled/" + i)).timeout(Duration.ofSeconds(25)).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray()))
                        .toList();

                for (int i = 0; i < burst; i++) {
                    HttpResponse<byte[]> response = calls.get(i).get(30, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as("request %d: %s", i, response.headers()
                            .firstValue("x-tunnel-error").orElse("")).isEqualTo(200);
                    assertThat(app.timesEchoed("/echo/throttled/" + i)).as("times request %d reached the app", i)
                            .isEqualTo(1);
                }
                assertThat(throttled.meters().webSocket().in().messages() - messagesBefore)
                        .as("checks and answers sent again: the throttle did refuse answers")
                        .isGreaterThan(burst);
            } finally {
                client.stop();
            }
        }
    }

    /** Another connection's pings, until the stage's message bucket is empty and it says so. */
    private static void drainMessageBucket(WebSocketClient client, LocalGateway on, int burst) throws Exception {
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
        upgrade.setHeader(AgentToken.HEADER,
                on.tokenAdmin().create(Optional.empty(), List.of()).token().authorization());
        RecordingSocket socket = new RecordingSocket();
        Session session = client.connect(socket, on.webSocketUrl(), upgrade).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < 2 * burst; i++) {
            session.sendText("{\"type\":\"ping\"}", Callback.NOOP);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!socket.next(WAIT).text().contains("\"Too Many Requests\"")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stage throttle refused none of " + 2 * burst + " pings");
            }
        }
    }

    /**
     * Every request answered by the app exactly once, except at most one in flight per caller, which got 502
     * agent_gone and reached the app at most once.
     */
    private void assertSurvived(List<SteadyLoad.Outcome> outcomes, int callers) {
        assertThat(outcomes).hasSizeGreaterThan(callers * 3);
        List<SteadyLoad.Outcome> failed = outcomes.stream().filter(o -> o.status() != 200).toList();
        assertThat(failed).as("failed requests").hasSizeLessThanOrEqualTo(callers)
                .allSatisfy(o -> assertThat(o.tunnelError()).as(o.path()).isEqualTo("agent_gone"));
        for (SteadyLoad.Outcome o : outcomes) {
            int reached = app.timesEchoed(o.path());
            if (o.status() == 200) {
                assertThat(reached).as("times %s reached the app", o.path()).isEqualTo(1);
            } else {
                assertThat(reached).as("times %s reached the app", o.path()).isLessThanOrEqualTo(1);
            }
        }
    }

    /**
     * A gateway of its own, on the suite's storage, with the stage throttle opened: back-to-back callers
     * would otherwise lose some of the agent's answers to it, which is not these tests' case.
     */
    private LocalGateway roomyGateway(GatewaySettings.Builder settings) throws Exception {
        return LocalGateway.start(settings.host("127.0.0.1").ports(0, 0).responseDeadline(deadline())
                .offlineHold(OFFLINE_HOLD).throttle(new GatewaySettings.Throttle(100_000, 100_000)).build(),
                newStorage());
    }

    private static String tunnelUrl(LocalGateway on, String tunnelId) {
        return "http://localhost:" + on.httpPort() + "/" + tunnelId;
    }

    private static AgentSettings agentSettings(LocalGateway on, int localPort, AgentToken token,
                                               AgentListener listener) {
        return AgentSettings.builder(localPort).endpoint(on.webSocketUrl()).token(token).queueCapacity(128)
                .localTimeout(Duration.ofSeconds(10)).backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .listener(listener).build();
    }

    /** Records tunnels established and the console's news lines. */
    private static final class NewsListener implements AgentListener {
        final BlockingQueue<ConnectionEstablished> established = new LinkedBlockingQueue<>();
        final BlockingQueue<String> news = new LinkedBlockingQueue<>();

        @Override
        public void onEstablished(ConnectionEstablished e) {
            established.add(e);
        }

        @Override
        public void onNews(String line) {
            news.add(line);
        }

        /** The next news line starting with {@code prefix}, skipping others; null after {@link #WAIT}. */
        String awaitNews(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = news.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            return null;
        }
    }

    @Test
    void droppedConnection_theAgentReconnects_andServesUnderTheSameName() throws Exception {
        BlockingQueue<ConnectionEstablished> established = new LinkedBlockingQueue<>();
        AgentListener listener = new AgentListener() {
            @Override
            public void onEstablished(ConnectionEstablished e) {
                established.add(e);
            }
        };
        try (TunnelAgent reconnecting = TunnelAgent.start(agentSettings(app.port(), listener));
             ApiGatewayManagementApiClient managementApi = managementApi()) {
            ConnectionEstablished first = established.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(first).isNotNull();
            String connectionId = gateway.storage().connections().findNewestByTunnel(first.tunnelId())
                    .orElseThrow().connectionId();

            // What API Gateway does at the 2-hour limit or on an operator's DELETE.
            managementApi.deleteConnection(r -> r.connectionId(connectionId));

            ConnectionEstablished second = established.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(second).as("a new connection after the reconnect").isNotNull();
            assertThat(second.tunnelId()).as("the token's own name, kept").isEqualTo(first.tunnelId());
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url(second.tunnelId(), "/echo/again"))
                    .GET().build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(reconnecting.established()).hasValue(second);
        }
    }

    /** {@code count} requests the app answers after a while, once they have all reached it. */
    private List<CompletableFuture<HttpResponse<byte[]>>> delayedRequestsInFlight(String tunnelId, int count)
            throws InterruptedException {
        return delayedRequestsInFlight(gateway, tunnelId, count);
    }

    private List<CompletableFuture<HttpResponse<byte[]>>> delayedRequestsInFlight(LocalGateway on, String tunnelId,
                                                                                int count) throws InterruptedException {
        app.forgetSlowArrivals();
        List<CompletableFuture<HttpResponse<byte[]>>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(tunnelUrl(on, tunnelId) + "/delay/800"))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        assertThat(app.awaitDelayedRequests(count, WAIT)).isTrue();
        return inFlight;
    }

    private ApiGatewayManagementApiClient managementApi() {
        return managementApi(gateway);
    }

    private static ApiGatewayManagementApiClient managementApi(LocalGateway on) {
        return ApiGatewayManagementApiClient.builder()
                .httpClient(AwsClients.httpClientBuilder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(on.managementEndpoint())
                .build();
    }

    /** Until the gateway has dropped the killed agent's socket (bounded). */
    private void awaitNoConnection(String tunnelId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (gateway.storage().connections().findNewestByTunnel(tunnelId).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway still holds the killed agent's connection after " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
