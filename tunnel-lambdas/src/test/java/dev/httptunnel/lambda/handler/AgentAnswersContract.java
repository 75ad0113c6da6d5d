package dev.httptunnel.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.support.EventFixtures;
import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.protocol.AnswerCheck;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MissingAnswers;
import dev.httptunnel.protocol.Pong;
import dev.httptunnel.protocol.TunnelResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the response handler does with each thing an agent may send, hostile things included. */
abstract class AgentAnswersContract {

    /** The service under test, on the ports of the concrete class. */
    protected abstract TunnelHarness harness(Duration responseDeadline);

    protected final TunnelHarness tunnel = harness(Duration.ofSeconds(5));

    private void agentSends(String connectionId, String body) {
        int status = tunnel.response.handleRequest(EventFixtures.webSocketMessage(connectionId, body), null)
                .getStatusCode();
        assertThat(status).isEqualTo(200);
    }

    private String waitingRequest(String requestId, String connectionId, String tunnelId, Duration deadline) {
        Instant now = Instant.now();
        tunnel.pendingRequests.create(PendingRequest.waiting(requestId, connectionId, tunnelId, now,
                now.plus(deadline), now.plus(deadline).plusSeconds(60)));
        return requestId;
    }

    private static String answer(String requestId) {
        return MessageCodec.encode(TunnelResponse.of(requestId, 200, HeaderList.EMPTY, "ok".getBytes()));
    }

    @Test
    void answerFromTheConnectionTheRequestWentTo_isRecorded() {
        String tunnelId = tunnel.connectAgent("conn-a=");
        waitingRequest("req-1", "conn-a=", tunnelId, Duration.ofSeconds(10));

        agentSends("conn-a=", answer("req-1"));

        assertThat(tunnel.pendingRequests.find("req-1").flatMap(PendingRequest::answer)).contains(answer("req-1"));
    }

    @Test
    void answerFromAnotherConnection_isRefusedAndReported() {
        String tunnelA = tunnel.connectAgent("conn-a=");
        tunnel.connectAgent("conn-b=");
        waitingRequest("req-1", "conn-a=", tunnelA, Duration.ofSeconds(10));

        agentSends("conn-b=", answer("req-1"));

        assertThat(tunnel.pendingRequests.find("req-1").flatMap(PendingRequest::answer)).isEmpty();
        assertThat(tunnel.agents.sentTo("conn-b=", ErrorMessage.class))
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_REQUEST);
                    assertThat(e.requestId()).isEqualTo("req-1");
                });
    }

    @Test
    void aRequestPassedOnByAnotherConnectionOfTheSameTunnel_isRecorded_butNotOneOfAnotherTunnel() {
        AgentToken token = tunnel.newToken();
        String tunnelId = tunnel.connectAgent("conn-old=", token, null);
        tunnel.connectAgent("conn-new=", token, null);
        tunnel.connectAgent("conn-stranger=");
        waitingRequest("req-1", "conn-old=", tunnelId, Duration.ofSeconds(10));
        waitingRequest("req-2", "conn-old=", tunnelId, Duration.ofSeconds(10));
        String passedOn1 = MessageCodec.encode(ErrorMessage.forRequest("req-1", ErrorCode.CONNECTION_RETIRED, "closing"));
        String passedOn2 = MessageCodec.encode(ErrorMessage.forRequest("req-2", ErrorCode.CONNECTION_RETIRED, "closing"));

        agentSends("conn-new=", passedOn1);
        agentSends("conn-stranger=", passedOn2);

        assertThat(tunnel.pendingRequests.find("req-1").flatMap(PendingRequest::answer)).contains(passedOn1);
        assertThat(tunnel.pendingRequests.find("req-2").flatMap(PendingRequest::answer)).isEmpty();
    }

    @Test
    void onlyAPassedOnRequest_mayBeAnsweredByAnotherConnectionOfTheTunnel() {
        AgentToken token = tunnel.newToken();
        String tunnelId = tunnel.connectAgent("conn-old=", token, null);
        tunnel.connectAgent("conn-new=", token, null);
        waitingRequest("req-1", "conn-old=", tunnelId, Duration.ofSeconds(10));

        agentSends("conn-new=", answer("req-1"));

        assertThat(tunnel.pendingRequests.find("req-1").flatMap(PendingRequest::answer)).isEmpty();
    }

    /**
     * After a throttle notice the agent asks which of its answers are missing: only its own requests still
     * waiting within their deadline are named, never one answered, past its deadline or another's.
     */
    @Test
    void anAnswerCheck_namesOnlyThisConnectionsRequestsStillWaiting() {
        String tunnelA = tunnel.connectAgent("conn-a=");
        String tunnelB = tunnel.connectAgent("conn-b=");
        waitingRequest("req-waiting", "conn-a=", tunnelA, Duration.ofSeconds(10));
        waitingRequest("req-answered", "conn-a=", tunnelA, Duration.ofSeconds(10));
        waitingRequest("req-late", "conn-a=", tunnelA, Duration.ofMillis(-1));
        waitingRequest("req-other", "conn-b=", tunnelB, Duration.ofSeconds(10));
        agentSends("conn-a=", answer("req-answered"));

        agentSends("conn-a=", MessageCodec.encode(new AnswerCheck(List.of("req-waiting", "req-answered",
                "req-late", "req-other", "req-never", "req-waiting"))));

        assertThat(tunnel.agents.sentTo("conn-a=", MissingAnswers.class)).singleElement()
                .satisfies(m -> assertThat(m.requestIds()).containsExactly("req-waiting"));
    }

    @Test
    void duplicateAnswer_isRefused_andTheFirstStands() {
        String tunnelId = tunnel.connectAgent("conn-a=");
        waitingRequest("req-1", "conn-a=", tunnelId, Duration.ofSeconds(10));
        agentSends("conn-a=", answer("req-1"));

        String second = MessageCodec.encode(TunnelResponse.of("req-1", 500, HeaderList.EMPTY, null));
        agentSends("conn-a=", second);

        assertThat(tunnel.pendingRequests.find("req-1").flatMap(PendingRequest::answer)).contains(answer("req-1"));
        assertThat(tunnel.agents.sentTo("conn-a=", ErrorMessage.class)).hasSize(1);
    }

    @Test
    void lateAnswer_afterTheDeadline_isRefused() {
        String tunnelId = tunnel.connectAgent("conn-a=");
        waitingRequest("req-1", "conn-a=", tunnelId, Duration.ofMillis(-1));

        agentSends("conn-a=", answer("req-1"));

        assertThat(tunnel.pendingRequests.find("req-1").flatMap(PendingRequest::answer)).isEmpty();
    }

    @Test
    void answerToAnUnknownRequest_createsNoRow() {
        tunnel.connectAgent("conn-a=");
        int before = tunnel.pendingRowCount();

        agentSends("conn-a=", answer("never-sent"));
        agentSends("conn-a=", MessageCodec.encode(
                ErrorMessage.forRequest("also-never-sent", ErrorCode.AGENT_ERROR, "x")));

        assertThat(tunnel.pendingRowCount()).isEqualTo(before);
        assertThat(tunnel.pendingRequests.find("never-sent")).isEmpty();
    }

    @Test
    void ping_isAnsweredWithPong() {
        tunnel.connectAgent("conn-a=");

        agentSends("conn-a=", "{\"type\":\"ping\"}");

        assertThat(tunnel.agents.sentTo("conn-a=", Pong.class)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "{\"type\":\"teleport\"}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":42}",
        "{\"type\":\"http_request\",\"requestId\":\"r\",\"method\":\"GET\",\"path\":\"/\"}",
        "{}",
        "",
    })
    void malformedOrForbiddenMessages_areAnsweredWithAnError(String body) {
        tunnel.connectAgent("conn-a=");

        agentSends("conn-a=", body);

        assertThat(tunnel.agents.sentTo("conn-a=", ErrorMessage.class)).singleElement()
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(e.message()).isNotBlank();
                });
    }

    @Test
    void readyFromAConnectionWithoutATunnel_isAnsweredWithAnError() {
        agentSends("never-connected=", "{\"type\":\"ready\"}");

        assertThat(tunnel.agents.sentTo("never-connected=", ErrorMessage.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    @Test
    void messageFromAConnectionThatLeft_doesNotCrashTheHandler() {
        tunnel.connectAgent("conn-a=");
        tunnel.agents.markGone("conn-a=");

        agentSends("conn-a=", "garbage");
    }

    @Test
    void eventWithoutAConnectionId_isRefusedWithoutACrash() {
        var event = EventFixtures.webSocketMessage("x", "{\"type\":\"ping\"}");
        event.getRequestContext().setConnectionId(null);

        assertThat(tunnel.response.handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(tunnel.connect.handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(tunnel.disconnect.handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void answerArrivingWhileTheForwarderPolls_isNoticed() {
        String tunnelId = tunnel.connectAgent("conn-a=");
        tunnel.agents.respondWith("conn-a=", request -> {
            Thread answering = new Thread(() -> {
                sleep(40);
                agentSends("conn-a=", answer(request.requestId()));
            });
            answering.start();
            return Optional.empty();
        });

        var response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
