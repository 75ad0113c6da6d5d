package dev.httptunnel.lambda.handler;

import static dev.httptunnel.lambda.handler.TunnelCycleContract.decode;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.TunnelResponse;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each way a public request can fail gets its own status and a page that says what happened. */
abstract class ForwardingFailuresContract {

    /** The service under test, on the ports of the concrete class. */
    protected abstract TunnelHarness harness(Duration responseDeadline);

    protected final TunnelHarness tunnel = harness(Duration.ofSeconds(1));

    @Test
    void forwarding_returns404_whenTheHostNamesNoTunnel() {
        APIGatewayV2HTTPEvent event = tunnel.requestTo("abc123def456", "GET", "/", "");
        event.getHeaders().put("host", "evil-tunnel.example.com");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "no_tunnel");
    }

    @Test
    void theRootPage_saysHowATunnelsAddressIsFormed_onTheHostAndPortItWasAskedOn() {
        APIGatewayV2HTTPEvent event = tunnel.requestTo("abc123def456", "GET", "/", "");
        event.getHeaders().put("host", "api.example.com:8443");
        event.getHeaders().put("x-forwarded-proto", "http");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(new String(decode(response), StandardCharsets.UTF_8))
                .contains("http://api.example.com:8443/<tunnel>/").doesNotContain("<tunnel-id>");
    }

    @Test
    void aNameNobodyHolds_is404_sayingItMayBeATypo_andHowTheAddressIsFormed() {
        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo("abc123def456", "GET", "/", ""));

        assertThat(new String(decode(response), StandardCharsets.UTF_8)).contains("No tunnel is named abc123def456")
                .contains("typo").contains("https://<tunnel>." + TunnelHarness.DOMAIN + "/");
    }

    @Test
    void aHostileHostHeader_isNotRepeatedOnTheRootPage() {
        APIGatewayV2HTTPEvent event = tunnel.requestTo("abc123def456", "GET", "/", "");
        event.getHeaders().put("host", "<script>x</script>");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(new String(decode(response), StandardCharsets.UTF_8)).doesNotContain("script")
                .contains("https://<host>/<tunnel>/");
    }

    @ParameterizedTest
    @CsvSource({"websocket", "WebSocket", "'h2c, websocket'"})
    void aWebSocketUpgrade_is501_withTheRule_andNeverReachesTheAgent(String upgrade) {
        String tunnelId = tunnel.connectAgent("conn-1=");
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "GET", "/socket", "");
        event.getHeaders().put("upgrade", upgrade);
        event.getHeaders().put("connection", "Upgrade");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(501);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "websocket_not_supported");
        assertThat(new String(decode(response), StandardCharsets.UTF_8)).contains("WebSocket");
        assertThat(tunnel.agents.sentTo("conn-1=", TunnelRequest.class)).isEmpty();
    }

    @Test
    void anUpgradeToAnotherProtocol_isRelayedAsAPlainRequest() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(
                new TunnelResponse(request.requestId(), 200, HeaderList.EMPTY, ""))));
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "GET", "/", "");
        event.getHeaders().put("upgrade", "h2c");

        assertThat(tunnel.forward(event).getStatusCode()).isEqualTo(200);
    }

    @Test
    void forwarding_returns404NamingTheTunnel_whenNoAgentIsConnected() {
        APIGatewayV2HTTPEvent event = tunnel.requestTo("abc123def456", "GET", "/", "");
        event.getHeaders().put("accept", "text/html,application/xhtml+xml");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("X-Tunnel-Error", "tunnel_not_connected");
        assertThat(new String(decode(response), StandardCharsets.UTF_8))
                .contains("<h1>404 Tunnel not found</h1>").contains("abc123def456");
    }

    @Test
    void aPostAnswered410_deletesTheStaleRow_holdsTheRequest_andIs503TunnelOffline_withRetryAfter() {
        String tunnelId = tunnel.connectAgent("conn-gone=");
        tunnel.agents.markGone("conn-gone=");
        long start = System.nanoTime();

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TunnelHarness.OFFLINE_HOLD);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "tunnel_offline")
                .containsEntry("Retry-After", "1");
        assertThat(new String(decode(response), StandardCharsets.UTF_8)).contains("Tunnel offline").contains(tunnelId);
        assertThat(tunnel.connections.find("conn-gone=")).isEmpty();
        assertThat(tunnel.connections.findNewestByTunnel(tunnelId)).isEmpty();
    }

    @Test
    void aPostAnswered410_isDeliveredToTheNamesCurrentConnection_once() {
        AgentToken token = tunnel.newToken();
        String tunnelId = tunnel.connectAgent("conn-old=", token, null);
        APIGatewayV2HTTPResponse warm = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/warm", ""));
        assertThat(warm.getStatusCode()).as("unanswered: the old connection is now cached").isEqualTo(504);
        tunnel.connectAgent("conn-new=", token, null);
        tunnel.agents.respondWith("conn-new=", request -> Optional.of(MessageCodec.encode(
                TunnelResponse.of(request.requestId(), 201, HeaderList.EMPTY, null))));
        tunnel.agents.markGone("conn-old=");

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/again", ""));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(tunnel.agents.sentTo("conn-new=", TunnelRequest.class)).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/again"));
        assertThat(tunnel.connections.find("conn-old=")).isEmpty();
    }

    @Test
    void aRequestForAHeldName_waitsForItsAgentToComeBack_andIsDelivered() throws Exception {
        AgentToken token = tunnel.newToken();
        String tunnelId = tunnel.connectAgent("conn-first=", token, null);
        tunnel.disconnectAgent("conn-first=");
        CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
            sleepMillis(100);
            tunnel.connectAgent("conn-back=", token, null);
            tunnel.agents.respondWith("conn-back=", request -> Optional.of(MessageCodec.encode(
                    TunnelResponse.of(request.requestId(), 200, HeaderList.EMPTY, null))));
        });

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/held", ""));
        back.get(5, TimeUnit.SECONDS);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(tunnel.agents.sentTo("conn-back=", TunnelRequest.class)).hasSize(1);
    }

    @Test
    void afterAHoldInVain_theNextRequestsForThatName_areAnswered503AtOnce() {
        String tunnelId = tunnel.connectAgent("conn-left=");
        tunnel.disconnectAgent("conn-left=");
        assertThat(tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", "")).getStatusCode()).isEqualTo(503);
        long start = System.nanoTime();

        APIGatewayV2HTTPResponse again = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        assertThat(again.getStatusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TunnelHarness.OFFLINE_HOLD);
    }

    @Test
    void aNameNobodyHolds_is404AtOnce_neverHeld() {
        long start = System.nanoTime();

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo("nobodys-name", "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TunnelHarness.OFFLINE_HOLD);
    }

    @Test
    void aRequestInFlight_whenItsConnectionCloses_is502AgentGone_withinAboutASecond() {
        TunnelHarness patient = harness(Duration.ofSeconds(10));
        String tunnelId = patient.connectAgent("conn-dies=");
        patient.agents.respondWith("conn-dies=", request -> {
            CompletableFuture.runAsync(() -> {
                sleepMillis(200);
                patient.disconnectAgent("conn-dies=");
            });
            return Optional.empty();
        });
        long start = System.nanoTime();

        APIGatewayV2HTTPResponse response = patient.forward(patient.requestTo(tunnelId, "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(502);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "agent_gone");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }

    /**
     * A closing connection passes a late request on through its successor while its {@code $disconnect}
     * runs: the pass-on recorded just after the connection is gone still sends the request to the successor.
     */
    @Test
    void aRequestPassedOnJustAfterItsConnectionClosed_goesToTheSuccessor_not502() {
        TunnelHarness patient = harness(Duration.ofSeconds(10));
        AgentToken token = patient.newToken();
        String tunnelId = patient.connectAgent("conn-closing=", token, null);
        patient.agents.respondWith("conn-closing=", request -> {
            CompletableFuture.runAsync(() -> {
                patient.connectAgent("conn-successor=", token, null);
                patient.agents.respondWith("conn-successor=", again -> Optional.of(MessageCodec.encode(
                        TunnelResponse.of(again.requestId(), 200, HeaderList.EMPTY, "from the successor".getBytes()))));
                patient.disconnectAgent("conn-closing=");
                // Past the forwarder's first connection check (500 ms), within the grace after it (250 ms).
                sleepMillis(625);
                patient.response.handleRequest(dev.httptunnel.lambda.support.EventFixtures.webSocketMessage(
                        "conn-successor=", MessageCodec.encode(ErrorMessage.forRequest(request.requestId(),
                                ErrorCode.CONNECTION_RETIRED, "closing"))), null);
            });
            return Optional.empty();
        });

        APIGatewayV2HTTPResponse response = patient.forward(patient.requestTo(tunnelId, "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(new String(decode(response), StandardCharsets.UTF_8)).isEqualTo("from the successor");
    }

    @Test
    void goneAgent_doesNotTakeAnotherConnectionsRowWithIt() {
        String goneTunnel = tunnel.connectAgent("conn-gone=");
        tunnel.connectAgent("conn-alive=");
        tunnel.agents.markGone("conn-gone=");

        tunnel.forward(tunnel.requestTo(goneTunnel, "GET", "/", ""));

        assertThat(tunnel.connections.find("conn-alive=")).isPresent();
    }

    @Test
    void forwarding_returns504AtTheDeadline_whenTheAgentNeverAnswers() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        long start = System.nanoTime();

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/slow", ""));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.getStatusCode()).isEqualTo(504);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "no_answer");
        assertThat(elapsedMillis).isBetween(950L, 2_500L);
    }

    @Test
    void anAnswerTooCloseToTheDeadline_isRefused_soNoAcceptedAnswerGoesUndelivered() throws Exception {
        String tunnelId = tunnel.connectAgent("conn-late=");
        java.util.concurrent.CompletableFuture<Void> answered = new java.util.concurrent.CompletableFuture<>();
        tunnel.agents.respondWith("conn-late=", request -> {
            new Thread(() -> {
                sleepMillis(850);
                tunnel.response.handleRequest(dev.httptunnel.lambda.support.EventFixtures.webSocketMessage(
                        "conn-late=", MessageCodec.encode(dev.httptunnel.protocol.TunnelResponse.of(
                                request.requestId(), 200, dev.httptunnel.protocol.HeaderList.EMPTY, null))), null);
                answered.complete(null);
            }).start();
            return Optional.empty();
        });

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));
        answered.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(response.getStatusCode()).isEqualTo(504);
        assertThat(tunnel.agents.sentTo("conn-late=", ErrorMessage.class)).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_REQUEST));
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "local_service_unavailable, 502, local_service_unavailable",
        "local_service_timeout, 504, local_service_timeout",
        "agent_busy, 503, agent_busy",
        "response_too_large, 502, response_too_large",
        "request_too_large, 413, request_too_large",
        "agent_error, 502, agent_error",
        "invalid_message, 502, agent_error",
    })
    void agentErrors_becomeTheMatchingStatus_withTheAgentsExplanation(String code, int status, String header) {
        String tunnelId = tunnel.connectAgent("conn-1=");
        ErrorCode errorCode = java.util.Arrays.stream(ErrorCode.values())
                .filter(c -> c.wireName().equals(code)).findFirst().orElseThrow();
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(
                ErrorMessage.forRequest(request.requestId(), errorCode, "explained: 127.0.0.1:3000"))));

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", header);
        assertThat(new String(decode(response), StandardCharsets.UTF_8)).contains("explained: 127.0.0.1:3000");
    }

    @Test
    void aHandlerFailure_stillAnswersTheCaller() {
        APIGatewayV2HTTPEvent event = tunnel.requestTo("abc123def456", "GET", "/", "");
        event.getHeaders().put("x-bad header", "v");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "service_error");
    }
}
