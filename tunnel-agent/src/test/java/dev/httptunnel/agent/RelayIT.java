package dev.httptunnel.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.relay.HostHeaderPolicy;
import dev.httptunnel.agent.testing.AgentSide;
import dev.httptunnel.agent.testing.FakeTunnelService;
import dev.httptunnel.agent.testing.LocalApp;
import dev.httptunnel.agent.testing.RecordingListener;
import dev.httptunnel.protocol.AnswerCheck;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MissingAnswers;
import dev.httptunnel.protocol.Ping;
import dev.httptunnel.protocol.Pong;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests relayed end to end on loopback: fake service → agent → local app → agent → fake service. */
@Timeout(30)
class RelayIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final RecordingListener listener = new RecordingListener();
    private FakeTunnelService service;
    private LocalApp app;
    private TunnelAgent agent;
    private AgentSide side;

    @BeforeEach
    void startServiceAndApp() throws Exception {
        service = FakeTunnelService.start();
        app = LocalApp.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (agent != null) {
            agent.close();
        }
        app.close();
        service.close();
    }

    private void startAgent(Consumer<AgentSettings.Builder> customize) throws Exception {
        startAgent(app.port(), customize);
    }

    private void startAgent(int localPort, Consumer<AgentSettings.Builder> customize) throws Exception {
        AgentSettings.Builder builder = AgentSettings.builder(localPort)
                .endpoint(service.endpoint())
                .listener(listener);
        customize.accept(builder);
        agent = TunnelAgent.start(builder.build());
        side = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);
    }

    private static TunnelRequest request(String method, String path, String query, HeaderList headers, byte[] body) {
        return TunnelRequest.of("req-" + IDS.incrementAndGet(), method, path, query, headers, body);
    }

    private Message exchange(TunnelRequest request) throws InterruptedException {
        return side.exchange(request, WAIT);
    }

    private TunnelResponse exchangeForResponse(TunnelRequest request) throws InterruptedException {
        Message answer = exchange(request);
        assertThat(answer).isInstanceOf(TunnelResponse.class);
        return (TunnelResponse) answer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"})
    void everyMethod_reachesTheLocalServiceUnchanged(String method) throws Exception {
        startAgent(b -> { });
        TunnelResponse response = exchangeForResponse(request(method, "/echo", "", HeaderList.EMPTY,
                "payload".getBytes()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("X-Echo-Method")).contains(method);
        assertThat(app.awaitRequest(WAIT).method()).isEqualTo(method);
    }

    @Test
    void head_isRelayed_andAnsweredWithoutBody() throws Exception {
        startAgent(b -> { });
        TunnelResponse response = exchangeForResponse(request("HEAD", "/echo", "", HeaderList.EMPTY, null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("X-Echo-Method")).contains("HEAD");
        assertThat(response.bodyBytes()).isEmpty();
        assertThat(app.awaitRequest(WAIT).method()).isEqualTo("HEAD");
    }

    @Test
    void binaryBodies_crossBothWaysByteExact() throws Exception {
        startAgent(b -> { });
        byte[] body = new byte[60_000];
        new Random(42).nextBytes(body);

        TunnelResponse response = exchangeForResponse(request("POST", "/echo", "", HeaderList.EMPTY, body));

        assertThat(app.awaitRequest(WAIT).body()).isEqualTo(body);
        assertThat(response.bodyBytes()).isEqualTo(body);
    }

    @Test
    void pathAndQuery_reachTheLocalServiceExactly_percentEncodingAndRepeatsIntact() throws Exception {
        startAgent(b -> { });
        exchangeForResponse(request("GET", "/a%20b/%C3%A9t%C3%A9", "x=1&x=2&y=%2F%26", HeaderList.EMPTY, null));

        assertThat(app.awaitRequest(WAIT).rawTarget()).isEqualTo("/a%20b/%C3%A9t%C3%A9?x=1&x=2&y=%2F%26");
    }

    @Test
    void repeatedRequestHeaders_reachTheLocalServiceInOrder() throws Exception {
        startAgent(b -> { });
        exchangeForResponse(request("GET", "/echo", "",
                HeaderList.of("X-Multi", "first", "X-Multi", "second", "Accept", "text/html"), null));

        LocalApp.Seen seen = app.awaitRequest(WAIT);
        assertThat(seen.header("X-Multi")).containsExactly("first", "second");
        assertThat(seen.header("Accept")).containsExactly("text/html");
    }

    @Test
    void hopByHopRequestHeaders_areNotRelayed() throws Exception {
        startAgent(b -> { });
        exchangeForResponse(request("GET", "/echo", "", HeaderList.of("Connection", "X-Secret-Hop",
                "X-Secret-Hop", "1", "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic eA==",
                "X-Kept", "yes"), null));

        LocalApp.Seen seen = app.awaitRequest(WAIT);
        assertThat(seen.header("X-Secret-Hop")).isEmpty();
        assertThat(seen.header("Keep-Alive")).isEmpty();
        assertThat(seen.header("Proxy-Authorization")).isEmpty();
        assertThat(seen.header("X-Kept")).containsExactly("yes");
    }

    @Test
    void severalSetCookies_comeBackAsSeparateHeaders() throws Exception {
        startAgent(b -> { });
        TunnelResponse response = exchangeForResponse(request("GET", "/cookies", "", HeaderList.EMPTY, null));

        assertThat(response.headers().all("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
    }

    @Test
    void redirects_areNotFollowed_theCallerGetsThe302() throws Exception {
        startAgent(b -> { });
        TunnelResponse response = exchangeForResponse(request("GET", "/redirect", "", HeaderList.EMPTY, null));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().first("Location")).contains("/elsewhere");
        app.awaitRequest(WAIT);
        assertThat(app.awaitRequestOrNull()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304, 404, 500})
    void statuses_arePassedThrough(int status) throws Exception {
        startAgent(b -> { });
        assertThat(exchangeForResponse(request("GET", "/status/" + status, "", HeaderList.EMPTY, null)).status())
                .isEqualTo(status);
    }

    @Test
    void hostHeader_isRewrittenToTheLocalAddressByDefault_withThePublicHostForwarded() throws Exception {
        startAgent(b -> { });
        exchangeForResponse(request("GET", "/echo", "", HeaderList.of("Host", "abc.tunnel.example"), null));

        LocalApp.Seen seen = app.awaitRequest(WAIT);
        assertThat(seen.header("Host")).containsExactly("127.0.0.1:" + app.port());
        assertThat(seen.header("X-Forwarded-Host")).containsExactly("abc.tunnel.example");
    }

    @Test
    void anEmptyPublicHost_isNotForwarded_asAnEmptyXForwardedHost() throws Exception {
        startAgent(b -> { });
        exchangeForResponse(request("GET", "/echo", "", HeaderList.of("Host", ""), null));

        assertThat(app.awaitRequest(WAIT).header("X-Forwarded-Host")).isEmpty();
    }

    @Test
    void hostHeader_isKeptWhenPreserved() throws Exception {
        startAgent(b -> b.hostHeader(HostHeaderPolicy.PRESERVE));
        exchangeForResponse(request("GET", "/echo", "", HeaderList.of("Host", "abc.tunnel.example"), null));

        assertThat(app.awaitRequest(WAIT).header("Host")).containsExactly("abc.tunnel.example");
    }

    @Test
    void localServiceDown_isAnsweredWithLocalServiceUnavailable_namingHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        startAgent(closedPort, b -> { });

        Message answer = exchange(request("GET", "/", "", HeaderList.EMPTY, null));

        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
            assertThat(error.message()).contains("127.0.0.1:" + closedPort);
        });
        assertThat(listener.awaitRequest(WAIT).error()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
    }

    @Test
    void slowLocalService_isAnsweredWithLocalServiceTimeout() throws Exception {
        startAgent(b -> b.localTimeout(Duration.ofMillis(300)));

        Message answer = exchange(request("GET", "/slow", "", HeaderList.EMPTY, null));

        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
            assertThat(error.message()).contains("300 ms");
        });
    }

    @Test
    void localServiceStallingAfterItsHeaders_isAnsweredWithLocalServiceTimeout() throws Exception {
        startAgent(b -> b.localTimeout(Duration.ofMillis(300)));

        Message answer = exchange(request("GET", "/stalling/700", "", HeaderList.EMPTY, null));

        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
            assertThat(error.message()).contains("300 ms");
        });
        assertThat(listener.awaitRequest(WAIT).error()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
    }

    @Test
    void requestsBeyondConcurrencyAndQueue_areAnsweredAgentBusy_andTheOthersStillSucceed() throws Exception {
        startAgent(b -> b.maxConcurrency(1).queueCapacity(1));
        TunnelRequest inFlight = request("GET", "/slow", "", HeaderList.EMPTY, null);
        TunnelRequest queued = request("GET", "/slow", "", HeaderList.EMPTY, null);
        side.answerFor(inFlight.requestId());
        side.send(inFlight);
        app.awaitRequest(WAIT);
        side.answerFor(queued.requestId());
        side.send(queued);

        Message refused = exchange(request("GET", "/slow", "", HeaderList.EMPTY, null));

        assertThat(refused).isInstanceOfSatisfying(ErrorMessage.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.AGENT_BUSY));
        app.releaseSlowRequests();
        assertThat(side.answerFor(inFlight.requestId()).get()).isInstanceOf(TunnelResponse.class);
        assertThat(side.answerFor(queued.requestId()).get()).isInstanceOf(TunnelResponse.class);
    }

    @Test
    void answerOver32KB_isSentAsSeveralFrames_noneOver32KB() throws Exception {
        startAgent(b -> { });
        int before = side.frames().size();

        TunnelResponse response = exchangeForResponse(request("GET", "/size/90000", "", HeaderList.EMPTY, null));

        assertThat(response.bodyBytes()).hasSize(90_000);
        var frames = side.frames().subList(before, side.frames().size());
        assertThat(frames).hasSizeGreaterThanOrEqualTo(4);
        assertThat(frames).allSatisfy(frame ->
                assertThat(frame.payloadLength()).isLessThanOrEqualTo(ProtocolLimits.MAX_FRAME_BYTES));
        assertThat(frames.stream().mapToInt(f -> f.payloadLength()).sum()).isGreaterThan(120_000);
    }

    @Test
    void requestOver32KB_arrivingInSeveralFrames_isReassembledAndRelayed() throws Exception {
        startAgent(b -> { });
        byte[] body = new byte[80_000];
        new Random(7).nextBytes(body);

        exchangeForResponse(request("PUT", "/echo", "", HeaderList.EMPTY, body));

        assertThat(app.awaitRequest(WAIT).body()).isEqualTo(body);
    }

    @Test
    void responseTooBigForOneMessage_isAnsweredResponseTooLarge_withTheLimit() throws Exception {
        startAgent(b -> { });

        Message answer = exchange(request("GET", "/size/200000", "", HeaderList.EMPTY, null));

        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
            assertThat(error.message()).contains("200000").contains("98304");
        });
    }

    @Test
    void connectMethod_isAnsweredWithAnError_notSilence() throws Exception {
        startAgent(b -> { });

        Message answer = exchange(request("CONNECT", "/", "", HeaderList.EMPTY, null));

        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
            assertThat(error.message()).contains("CONNECT");
        });
    }

    @Test
    void undecodableRequest_isAnsweredWithInvalidMessage_forItsRequestId() throws Exception {
        startAgent(b -> { });
        var answer = side.answerFor("broken-1");

        side.sendText("{\"type\":\"http_request\",\"requestId\":\"broken-1\",\"method\":\"GET\",\"path\":\"no-slash\"}");

        assertThat(answer.get()).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(error.message()).contains("path");
        });
    }

    @Test
    void apiGatewaysOwnNotices_areNotAnswered_soAThrottledConnectionGetsNoExtraMessages() throws Exception {
        startAgent(b -> { });
        var answer = side.answerFor("after-notices");

        side.sendText("{\"message\": \"Too Many Requests\", \"connectionId\": \"c1=\", \"requestId\": \"r1\"}");
        side.sendText("{\"message\": \"Internal server error\", \"connectionId\": \"c1=\", \"requestId\": \"r2\"}");
        side.sendText("{\"type\":\"http_request\",\"requestId\":\"after-notices\",\"method\":\"GET\",\"path\":\"x\"}");

        // The first error the agent sends is the one for the broken request: the notices got none.
        ErrorMessage first = side.awaitMessage(ErrorMessage.class, WAIT);
        assertThat(first.requestId()).isEqualTo("after-notices");
        assertThat(answer.get()).isInstanceOf(ErrorMessage.class);
    }

    /**
     * A throttle notice does not say which message it refused: the agent asks which of its answers the
     * service lacks and sends again only those it was asked about, once; a reply naming anything else,
     * or repeating itself, makes it send nothing.
     */
    @Test
    void afterAThrottleNotice_theAgentChecks_andResendsOnlyTheAnswersNamedMissing() throws Exception {
        startAgent(b -> { });
        TunnelRequest first = request("GET", "/echo", "n=1", HeaderList.EMPTY, null);
        TunnelRequest second = request("GET", "/echo", "n=2", HeaderList.EMPTY, null);
        TunnelResponse firstAnswer = exchangeForResponse(first);
        exchangeForResponse(second);

        side.sendText("{\"message\": \"Too Many Requests\", \"connectionId\": \"c1=\", \"requestId\": \"r1\"}");

        AnswerCheck check = side.awaitMessage(AnswerCheck.class, WAIT);
        assertThat(check.requestIds()).containsExactlyInAnyOrder(first.requestId(), second.requestId());
        side.send(new MissingAnswers(List.of(first.requestId(), "forged-1")));
        assertThat(side.awaitMessage(Message.class, WAIT)).isEqualTo(firstAnswer);
        side.send(new MissingAnswers(List.of(first.requestId(), second.requestId())));
        side.send(new Ping());
        assertThat(side.awaitMessage(Message.class, WAIT)).as("nothing resent before the pong").isEqualTo(new Pong());
    }

    /**
     * Stopping, the agent keeps its connection until the refused answers are checked and sent again, even
     * when the service's reply comes after the retiring connection's quiet period (300 ms).
     */
    @Test
    void aStoppingAgent_resendsWhatTheThrottleRefused_beforeItCloses() throws Exception {
        startAgent(b -> { });
        TunnelRequest request = request("GET", "/echo", "stopping=1", HeaderList.EMPTY, null);
        TunnelResponse answer = exchangeForResponse(request);
        side.sendText("{\"message\": \"Too Many Requests\", \"connectionId\": \"c1=\", \"requestId\": \"r1\"}");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(agent::close);

        assertThat(side.awaitMessage(AnswerCheck.class, WAIT).requestIds()).containsExactly(request.requestId());
        CompletableFuture.runAsync(() -> side.send(new MissingAnswers(List.of(request.requestId()))),
                CompletableFuture.delayedExecutor(600, TimeUnit.MILLISECONDS));
        assertThat(side.awaitMessage(Message.class, WAIT)).isEqualTo(answer);
        stopping.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(side.awaitClose(WAIT)).isEqualTo(1000);
    }

    @Test
    void eachAnsweredRequest_isReportedToTheListener_withStatus() throws Exception {
        startAgent(b -> { });
        exchangeForResponse(request("GET", "/status/204", "q=1", HeaderList.EMPTY, null));

        assertThat(listener.awaitRequest(WAIT)).satisfies(entry -> {
            assertThat(entry.method()).isEqualTo("GET");
            assertThat(entry.target()).isEqualTo("/status/204?q=1");
            assertThat(entry.status()).isEqualTo(204);
            assertThat(entry.answeredWithError()).isFalse();
        });
    }
}
