package dev.httptunnel.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ConnectionReplaced;
import dev.httptunnel.protocol.Ready;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole request → response cycle through the four handlers, on AWS-shaped events and in-memory ports. */
abstract class TunnelCycleContract {

    /** The service under test, on the ports of the concrete class. */
    protected abstract TunnelHarness harness(Duration responseDeadline);

    protected final TunnelHarness tunnel = harness(Duration.ofSeconds(5));

    @Test
    void connectedAgent_learnsItsTunnelIdAndPublicUrls_inAnswerToReady() {
        String tunnelId = tunnel.connectAgent("conn-1=");

        ConnectionEstablished established = tunnel.agents.sentTo("conn-1=", ConnectionEstablished.class).get(0);
        assertThat(tunnelId).matches("[a-z0-9]{12}");
        assertThat(established.publicUrls()).containsExactly(
                "https://" + tunnelId + ".tunnel.example.com", "https://api.example.com/" + tunnelId);
    }

    @Test
    void aNewAgentForTheName_getsItsTraffic_andTheOldConnectionIsToldAndClosed() {
        AgentToken token = tunnel.newToken();
        String tunnelId = tunnel.connectAgent("old-1=", token, null, Ready.of("1.0"));

        tunnel.connectAgent("new-1=", token, null, Ready.of("1.0"));

        assertThat(tunnel.agents.sentTo("old-1=", ConnectionReplaced.class))
                .containsExactly(new ConnectionReplaced(tunnelId));
        assertThat(tunnel.agents.disconnected()).containsExactly("old-1=");
        assertThat(tunnel.agents.sentTo("new-1=", ConnectionReplaced.class)).isEmpty();
        assertThat(tunnel.agents.sentTo("new-1=", ConnectionEstablished.class)).hasSize(1);
        tunnel.agents.respondWith("new-1=", request -> Optional.of(MessageCodec.encode(
                TunnelResponse.of(request.requestId(), 200, HeaderList.EMPTY, null))));
        assertThat(tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/after", "")).getStatusCode()).isEqualTo(200);
        assertThat(tunnel.agents.sentTo("new-1=", TunnelRequest.class)).hasSize(1);
        assertThat(tunnel.agents.sentTo("old-1=", TunnelRequest.class)).isEmpty();
    }

    @Test
    void aSuccessorConnection_orAnOlderAgentsReady_replacesNoOne() {
        AgentToken token = tunnel.newToken();
        tunnel.connectAgent("first-1=", token, null, Ready.of("1.0"));

        tunnel.connectAgent("rotated-1=", token, null, Ready.successorOf("1.0"));
        tunnel.connectAgent("older-1=", token, null);

        assertThat(tunnel.agents.sentTo("first-1=", ConnectionReplaced.class)).isEmpty();
        assertThat(tunnel.agents.sentTo("rotated-1=", ConnectionReplaced.class)).isEmpty();
        assertThat(tunnel.agents.disconnected()).isEmpty();
    }

    @Test
    void aReplacedConnectionAlreadyGone_doesNotFailTheNewAgentsReady() {
        AgentToken token = tunnel.newToken();
        String tunnelId = tunnel.connectAgent("killed-1=", token, null, Ready.of("1.0"));
        tunnel.agents.markGone("killed-1=");

        assertThat(tunnel.connectAgent("restarted-1=", token, null, Ready.of("1.0"))).isEqualTo(tunnelId);

        assertThat(tunnel.agents.sentTo("restarted-1=", ConnectionEstablished.class)).hasSize(1);
        assertThat(tunnel.agents.disconnected()).isEmpty();
    }

    @Test
    void publicRequest_reachesTheAgentExactly_andItsAnswerReachesTheCaller() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), 201,
                HeaderList.of("Content-Type", "text/plain", "Set-Cookie", "a=1; Path=/", "Set-Cookie", "b=2",
                        "X-Multi", "one", "X-Multi", "two"),
                "created".getBytes(StandardCharsets.UTF_8)))));

        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "POST", "/my/path",
                "parameter1=value1&parameter1=value2&parameter2=value");
        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        TunnelRequest seen = tunnel.agents.sentTo("conn-1=", TunnelRequest.class).get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/my/path");
        assertThat(seen.query()).isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
        assertThat(seen.headers().all("header2")).containsExactly("value1,value2");
        assertThat(seen.headers().all("cookie")).containsExactly("cookie1; cookie2");
        assertThat(seen.headers().first("x-forwarded-host")).contains(tunnelId + ".tunnel.example.com");
        assertThat(seen.headers().first("x-forwarded-proto")).contains("https");
        assertThat(seen.headers().first("x-forwarded-for")).contains("192.0.2.1");
        assertThat(seen.headers().first("x-forwarded-prefix")).isEmpty();
        assertThat(new String(seen.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("Hello from Lambda");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getCookies()).containsExactly("a=1; Path=/", "b=2");
        assertThat(response.getHeaders()).containsEntry("X-Multi", "one, two")
                .containsEntry("Content-Type", "text/plain").doesNotContainKey("Set-Cookie");
        assertThat(decode(response)).asString(StandardCharsets.UTF_8).isEqualTo("created");
    }

    @Test
    void binaryBodies_crossBothWaysByteExact() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        byte[] upload = randomBytes(50_000, 1);
        byte[] download = randomBytes(60_000, 2);
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(
                TunnelResponse.of(request.requestId(), 200,
                        HeaderList.of("Content-Type", "application/octet-stream"), download))));
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "PUT", "/blob", "");
        event.setBody(Base64.getEncoder().encodeToString(upload));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(tunnel.agents.sentTo("conn-1=", TunnelRequest.class).get(0).bodyBytes()).isEqualTo(upload);
        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(decode(response)).isEqualTo(download);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirects_passThroughUntouched(int status) {
        String tunnelId = tunnel.connectAgent("conn-1=");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), status, HeaderList.of("Location", "/login?next=%2F"), null))));

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Location", "/login?next=%2F");
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void emptyStatuses_passThroughWithoutABody(int status) {
        String tunnelId = tunnel.connectAgent("conn-1=");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), status, HeaderList.of("ETag", "\"v1\""), null))));

        APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"v1\"");
        assertThat(decode(response)).isEmpty();
    }

    @Test
    void pathModeWithoutTheTrailingSlash_isRedirectedToIt_soRelativeLinksStayInTheTunnel() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "GET", "/" + tunnelId, "a=1");
        event.getHeaders().put("host", "api.example.com");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(308);
        assertThat(response.getHeaders()).containsEntry("Location", "/" + tunnelId + "/?a=1");
        assertThat(tunnel.agents.sentTo("conn-1=", TunnelRequest.class)).isEmpty();
        APIGatewayV2HTTPEvent post = tunnel.requestTo(tunnelId, "POST", "/" + tunnelId, "");
        post.getHeaders().put("host", "api.example.com");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), 204, HeaderList.EMPTY, new byte[0]))));
        assertThat(tunnel.forward(post).getStatusCode()).as("a POST is relayed, not redirected").isEqualTo(204);
    }

    @Test
    void pathMode_stripsTheTunnelSegment_andRewritesLocationAndCookiePath_butNeverTheBody() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        String html = "<a href=\"/next\">next</a>";
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), 302,
                HeaderList.of("Location", "/next", "Set-Cookie", "s=1; Path=/app; HttpOnly",
                        "Content-Type", "text/html"),
                html.getBytes(StandardCharsets.UTF_8)))));
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "GET", "/" + tunnelId + "/app/page", "q=1");
        event.getHeaders().put("host", "api.example.com");

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        TunnelRequest seen = tunnel.agents.sentTo("conn-1=", TunnelRequest.class).get(0);
        assertThat(seen.path()).isEqualTo("/app/page");
        assertThat(seen.query()).isEqualTo("q=1");
        assertThat(seen.headers().first("x-forwarded-prefix")).contains("/" + tunnelId);
        assertThat(response.getHeaders()).containsEntry("Location", "/" + tunnelId + "/next");
        assertThat(response.getCookies()).containsExactly("s=1; Path=/" + tunnelId + "/app; HttpOnly");
        assertThat(decode(response)).asString(StandardCharsets.UTF_8).isEqualTo(html);
    }

    @Test
    void disconnect_removesTheConnection_isIdempotent_andLeavesTheNameItsTokens() {
        String tunnelId = tunnel.connectAgent("conn-1=");

        assertThat(tunnel.disconnect.handleRequest(
                dev.httptunnel.lambda.support.EventFixtures.webSocketDisconnect("conn-1="), null).getStatusCode())
                .isEqualTo(200);
        assertThat(tunnel.disconnect.handleRequest(
                dev.httptunnel.lambda.support.EventFixtures.webSocketDisconnect("conn-1="), null).getStatusCode())
                .isEqualTo(200);

        assertThat(tunnel.connections.findNewestByTunnel(tunnelId)).isEmpty();
        // Held for the token's agent to come back, then "tunnel offline": the name is not free (that is 404).
        assertThat(tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", "")).getStatusCode()).isEqualTo(503);
    }

    @Test
    void everyHttpMethod_isRelayed() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), 200, HeaderList.of("X-Method", request.method()), null))));

        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND")) {
            APIGatewayV2HTTPResponse response = tunnel.forward(tunnel.requestTo(tunnelId, method, "/", ""));
            assertThat(response.getHeaders()).containsEntry("X-Method", method);
        }
    }

    static byte[] decode(APIGatewayV2HTTPResponse response) {
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
