package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.support.RecordingSocket;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * The WebSocket API and its Management API against a raw WebSocket client and the AWS SDK, with the
 * project's real connect, response and disconnect handlers behind them.
 */
class WebSocketApiIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LocalGateway gateway;
    private WebSocketClient client;
    private ApiGatewayManagementApiClient managementApi;

    @BeforeEach
    void start() throws Exception {
        client = new WebSocketClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        if (managementApi != null) {
            managementApi.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private void startGateway(GatewaySettings.Builder settings, TunnelHandlers handlers) throws Exception {
        gateway = LocalGateway.start(settings.host("127.0.0.1").ports(0, 0).build(),
                GatewayStorage.inMemory(Clock.systemUTC()), handlers);
        managementApi = ApiGatewayManagementApiClient.builder()
                .httpClient(AwsClients.httpClientBuilder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(gateway.managementEndpoint())
                .build();
    }

    private void startGateway() throws Exception {
        startGateway(GatewaySettings.builder(), TunnelHandlers.tunnel());
    }

    /** An agent's connection, with a token of its own (the real connect handler admits only those). */
    private RecordingSocket connect() throws Exception {
        RecordingSocket socket = new RecordingSocket();
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
        upgrade.setHeader(AgentToken.HEADER, gateway.tokenAdmin().create(Optional.empty(), List.of()).token()
                .authorization());
        Session session = client.connect(socket, URI.create("ws://127.0.0.1:" + gateway.webSocketPort() + "/local"),
                        upgrade)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        // A larger frame from the gateway would fail this client with 1009 instead of being split.
        session.setMaxFrameSize(32 * 1024);
        session.setAutoFragment(false);
        session.setMaxTextMessageSize(1024 * 1024);
        return socket;
    }

    private ConnectionEstablished handshake(RecordingSocket socket) throws Exception {
        socket.session().sendText("{\"type\":\"ready\",\"agentVersion\":\"test\"}", Callback.NOOP);
        Message answer = MessageCodec.decode(socket.next(WAIT).text());
        assertThat(answer).isInstanceOf(ConnectionEstablished.class);
        return (ConnectionEstablished) answer;
    }

    private String connectionIdOf(String tunnelId) {
        return gateway.storage().connections().findNewestByTunnel(tunnelId).orElseThrow().connectionId();
    }

    @Test
    void ready_isAnsweredWithConnectionEstablished_announcingTheLocalPublicUrls() throws Exception {
        startGateway();
        ConnectionEstablished established = handshake(connect());

        int port = gateway.httpPort();
        assertThat(established.publicUrls()).containsExactly(
                "http://" + established.tunnelId() + ".localhost:" + port,
                "http://localhost:" + port + "/" + established.tunnelId() + "/");
        assertThat(connectionIdOf(established.tunnelId())).matches("[A-Za-z0-9]{15}=");
    }

    @Test
    void managementApiPost_above32KB_reachesTheClientInSeveralFramesOfAtMost32KB() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        String connectionId = connectionIdOf(handshake(socket).tunnelId());
        String data = "x".repeat(100_000);

        managementApi.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String(data)));

        RecordingSocket.Received received = socket.next(WAIT);
        assertThat(received.text()).isEqualTo(data);
        assertThat(received.frameSizes()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(size ->
                assertThat(size).isLessThanOrEqualTo(32 * 1024));
        assertThat(gateway.meters().webSocket().out().mostFramesInOneMessage()).isEqualTo(received.frameSizes().size());
        assertThat(socket.isClosed()).isFalse();
    }

    @Test
    void concurrentManagementApiPosts_ofSeveralFramesEach_arriveWholeAndNeverInterleaved() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        String connectionId = connectionIdOf(handshake(socket).tunnelId());
        int posts = 8;
        ExecutorService senders = Executors.newFixedThreadPool(posts);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                String data = Character.toString('a' + i).repeat(100_000);
                sent.add(senders.submit(() -> managementApi.postToConnection(r -> r.connectionId(connectionId)
                        .data(SdkBytes.fromUtf8String(data)))));
            }
            for (Future<?> post : sent) {
                post.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        Set<Character> letters = new HashSet<>();
        for (int i = 0; i < posts; i++) {
            String text = socket.next(WAIT).text();
            assertThat(text).hasSize(100_000);
            assertThat(text.chars().distinct().count()).as("one message's frames only").isEqualTo(1);
            letters.add(text.charAt(0));
        }
        assertThat(letters).hasSize(posts);
        assertThat(socket.isClosed()).isFalse();
    }

    @Test
    void frameAbove32KB_closesTheConnectionWith1009_andRunsDisconnect() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        String tunnelId = handshake(socket).tunnelId();

        // One unfragmented 40 KB frame, as the prior Rust agent sent; this client would refuse to send it.
        socket.session().setMaxFrameSize(1024 * 1024);
        socket.session().sendText("{\"type\":\"ping\",\"pad\":\"" + "y".repeat(40_000) + "\"}", Callback.NOOP);

        assertThat(socket.awaitClose(WAIT)).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
        awaitTunnelGone(tunnelId);
    }

    @Test
    void messageAbove32KB_sentInFramesOfAtMost32KB_reachesTheResponseHandlerWhole() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        handshake(socket);
        String answer = MessageCodec.encode(TunnelResponse.of("unknownrequest00000001", 200, HeaderList.EMPTY,
                new byte[60_000]));
        int half = answer.length() / 2;
        int quarter = half / 2;

        Callback.Completable first = new Callback.Completable();
        socket.session().sendPartialText(answer.substring(0, quarter), false, first);
        first.get(5, TimeUnit.SECONDS);
        Callback.Completable second = new Callback.Completable();
        socket.session().sendPartialText(answer.substring(quarter, half), false, second);
        second.get(5, TimeUnit.SECONDS);
        Callback.Completable third = new Callback.Completable();
        socket.session().sendPartialText(answer.substring(half, half + quarter), false, third);
        third.get(5, TimeUnit.SECONDS);
        socket.session().sendPartialText(answer.substring(half + quarter), true, Callback.NOOP);

        // The response handler decoded the whole answer: it names the request it does not know.
        Message reply = MessageCodec.decode(socket.next(WAIT).text());
        assertThat(gateway.meters().webSocket().in().mostFramesInOneMessage()).isEqualTo(4);
        assertThat(reply).isInstanceOfSatisfying(ErrorMessage.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_REQUEST);
            assertThat(e.requestId()).isEqualTo("unknownrequest00000001");
        });
        assertThat(socket.isClosed()).isFalse();
    }

    @Test
    void messageAbove128KB_closesTheConnectionWith1009() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        handshake(socket);
        String big = "z".repeat(30_000);
        for (int i = 0; i < 5; i++) {
            Callback.Completable sent = new Callback.Completable();
            socket.session().sendPartialText(big, i == 4, sent);
            if (i < 4) {
                sent.get(5, TimeUnit.SECONDS);
            }
        }
        assertThat(socket.awaitClose(WAIT)).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void managementApi_unknownConnection_isGoneExceptionForTheSdk() throws Exception {
        startGateway();
        assertThatThrownBy(() -> managementApi.postToConnection(r -> r.connectionId("AAAAAAAAAAAAAAA=")
                .data(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(GoneException.class)
                .satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
        assertThatThrownBy(() -> managementApi.getConnection(r -> r.connectionId("AAAAAAAAAAAAAAA=")))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void managementApi_getDescribesTheConnection_andDeleteClosesIt() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        String tunnelId = handshake(socket).tunnelId();
        String connectionId = connectionIdOf(tunnelId);

        var description = managementApi.getConnection(r -> r.connectionId(connectionId));
        assertThat(description.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(description.connectedAt()).isNotNull();
        assertThat(description.lastActiveAt()).isAfterOrEqualTo(description.connectedAt());

        managementApi.deleteConnection(r -> r.connectionId(connectionId));
        assertThat(socket.awaitClose(WAIT)).isEqualTo(StatusCode.NORMAL);
        awaitTunnelGone(tunnelId);
        assertThatThrownBy(() -> managementApi.postToConnection(r -> r.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("{}")))).isInstanceOf(GoneException.class);
    }

    @Test
    void managementApi_postAbove128KB_isPayloadTooLargeExceptionForTheSdk() throws Exception {
        startGateway();
        RecordingSocket socket = connect();
        String connectionId = connectionIdOf(handshake(socket).tunnelId());

        assertThatThrownBy(() -> managementApi.postToConnection(r -> r.connectionId(connectionId)
                .data(SdkBytes.fromByteArray(new byte[128 * 1024 + 1]))))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(socket.isClosed()).isFalse();
    }

    @Test
    void connectResultOtherThan2xx_refusesTheUpgradeWithThatStatus() throws Exception {
        startGateway(GatewaySettings.builder(), TunnelHandlers.tunnel().withConnect(w -> (event, context) -> {
            APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
            response.setStatusCode(403);
            return response;
        }));
        RecordingSocket socket = new RecordingSocket();
        assertThatThrownBy(() -> client.connect(socket, URI.create("ws://127.0.0.1:" + gateway.webSocketPort()
                + "/local")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(UpgradeException.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
        assertThat(gateway.connections().size()).isZero();
    }

    @Test
    void silentConnection_isClosedAtTheIdleTimeout() throws Exception {
        startGateway(GatewaySettings.builder().idleTimeout(Duration.ofMillis(800)), TunnelHandlers.tunnel());
        long start = System.nanoTime();
        RecordingSocket socket = connect();

        socket.awaitClose(WAIT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700),
                Duration.ofSeconds(5));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (gateway.connections().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(gateway.connections().size()).isZero();
    }

    @Test
    void activeConnection_isClosedAtTheMaximumDuration() throws Exception {
        startGateway(GatewaySettings.builder().maxConnectionDuration(Duration.ofMillis(1500)),
                TunnelHandlers.tunnel());
        RecordingSocket socket = connect();
        String tunnelId = handshake(socket).tunnelId();

        assertThat(socket.awaitClose(WAIT)).isEqualTo(StatusCode.SHUTDOWN);
        awaitTunnelGone(tunnelId);
    }

    /** $disconnect runs after the close; bounded wait for the connection row to go. */
    private void awaitTunnelGone(String tunnelId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (gateway.storage().connections().findNewestByTunnel(tunnelId).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tunnel " + tunnelId + " still has a connection row after " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
