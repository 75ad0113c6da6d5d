package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.support.LocalApp;
import dev.httptunnel.local.support.RecordingSocket;
import dev.httptunnel.local.websocket.ManagementApiHandler;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway under hostile public requests and message floods, over real sockets on loopback, each case
 * followed by a normal request through a real agent that must still be answered 200.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Short, so the slow-body cases end quickly; long enough for two hundred sockets to open meanwhile. */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
    /** Roomy, so the cases that open many connections are not throttled; the throttle has its own cases. */
    private static final GatewaySettings.Throttle ROOMY = new GatewaySettings.Throttle(10_000, 10_000);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    private LocalApp app;
    private Tunnel tunnel;

    @BeforeAll
    void start() throws Exception {
        app = LocalApp.start();
        tunnel = Tunnel.start(GatewaySettings.builder().requestBodyTimeout(BODY_TIMEOUT).throttle(ROOMY), app);
    }

    @AfterAll
    void stop() throws Exception {
        if (tunnel != null) {
            tunnel.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** A gateway with its own agent in front of the shared app. */
    private record Tunnel(LocalGateway gateway, TunnelAgent agent, String tunnelId) implements AutoCloseable {
        static Tunnel start(GatewaySettings.Builder settings, LocalApp app) throws Exception {
            LocalGateway gateway = LocalGateway.start(settings.host("127.0.0.1").ports(0, 0).build(),
                    GatewayStorage.inMemory(Clock.systemUTC()));
            TunnelAgent agent = TunnelAgent.start(AgentSettings.builder(app.port())
                    .endpoint(gateway.webSocketUrl()).backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .token(gateway.tokenAdmin().create(Optional.empty(), List.of()).token()).build());
            return new Tunnel(gateway, agent, agent.awaitEstablished(WAIT).tunnelId());
        }

        int port() {
            return gateway.httpPort();
        }

        @Override
        public void close() {
            agent.close();
            gateway.close();
        }
    }

    private void assertServes(Tunnel t) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + t.port() + "/" + t.tunnelId() + "/echo/after"))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString("still here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("a normal request afterwards").isEqualTo(200);
        assertThat(response.body()).isEqualTo("still here");
    }

    // --- bursts -----------------------------------------------------------------------------------------

    @Test
    void aBurstOfTwoHundredConcurrentRequests_isAnsweredInFull_withTheDefaults() throws Exception {
        try (Tunnel defaults = Tunnel.start(GatewaySettings.builder(), app)) {
            URI url = URI.create("http://127.0.0.1:" + defaults.port() + "/" + defaults.tunnelId() + "/echo/burst");
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(http.sendAsync(HttpRequest.newBuilder(url).timeout(WAIT.multipliedBy(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> response : burst) {
                statuses.merge(response.get(WAIT.toMillis() * 3, TimeUnit.MILLISECONDS).statusCode(), 1L, Long::sum);
            }
            assertThat(statuses).as("statuses of the burst").containsExactly(Map.entry(200, 200L));
            assertServes(defaults);
        }
    }

    // --- bytes beyond ASCII ------------------------------------------------------------------------------

    private Answer sendRaw(byte[]... parts) throws IOException {
        try (Socket socket = open(tunnel.port())) {
            for (byte[] part : parts) {
                socket.getOutputStream().write(part);
            }
            socket.getOutputStream().flush();
            return Answer.read(socket.getInputStream());
        }
    }

    @Test
    void aTunnelledResponse_carriesOneDateHeader_theGatewaysOwn() throws Exception {
        Answer answer = sendRaw(("GET /" + tunnel.tunnelId() + "/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.head().toLowerCase(java.util.Locale.ROOT).split("\r\n"))
                .filteredOn(line -> line.startsWith("date:")).hasSize(1);
    }

    @Test
    void aNonAsciiHeaderValue_is400_namingTheHeader_insteadOfReachingTheAppMangled() throws Exception {
        Answer answer = sendRaw(("GET /" + tunnel.tunnelId() + "/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nX-Name: caf\u00e9\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("x-tunnel-error: bad_request");
        assertThat(answer.body()).containsIgnoringCase("x-name").contains("beyond ASCII");
        assertServes(tunnel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo/caf", "/echo?name=caf"})
    void aRawByteBeyondAscii_inTheRequestTarget_is400_insteadOfAReplacementCharacter(String target)
            throws Exception {
        // 0xE9 alone is not UTF-8: a parser that guesses would hand the app U+FFFD, other bytes than sent.
        Answer answer = sendRaw(("GET /" + tunnel.tunnelId() + target).getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9},
                " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("x-tunnel-error: bad_request");
        assertThat(answer.body()).contains("beyond ASCII").contains("percent-encode");
        assertServes(tunnel);
    }

    // --- oversized and slow bodies -------------------------------------------------------------------

    @Test
    void aChunkedBodyOverThePayloadQuota_is413_asAContentLengthBodyIs() throws Exception {
        try (Socket socket = open(tunnel.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/" + tunnel.tunnelId() + "/echo", "Transfer-Encoding: chunked"));
            byte[] chunk = new byte[64 * 1024];
            String size = Integer.toHexString(chunk.length) + "\r\n";
            for (long sent = 0; sent <= GatewaySettings.DEFAULT_MAX_REQUEST_BYTES; sent += chunk.length) {
                out.write(size.getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write(CRLF);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            Answer answer = Answer.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.head()).containsIgnoringCase("apigw-requestid:");
            assertThat(answer.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        }
        assertServes(tunnel);
    }

    @Test
    void expectContinueWithATooLargeLength_is413_beforeTheBodyIsSent() throws Exception {
        try (Socket socket = open(tunnel.port())) {
            socket.getOutputStream().write(head("POST", "/" + tunnel.tunnelId() + "/echo",
                    "Content-Length: " + (GatewaySettings.DEFAULT_MAX_REQUEST_BYTES + 1), "Expect: 100-continue"));

            Answer answer = Answer.read(socket.getInputStream());
            assertThat(answer.status()).as("not 100 Continue").isEqualTo(413);
        }
        assertServes(tunnel);
    }

    @Test
    void elevenMegabytesAnnouncedAndThreeBytesSent_is413AtOnce() throws Exception {
        try (Socket socket = open(tunnel.port())) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/" + tunnel.tunnelId() + "/echo", "Content-Length: " + 11 * 1024 * 1024));
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(Answer.read(socket.getInputStream()).status()).isEqualTo(413);
        }
        assertServes(tunnel);
    }

    @Test
    void aBodyStalledPastTheBodyDeadline_is408() throws Exception {
        try (Socket socket = open(tunnel.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/" + tunnel.tunnelId() + "/echo", "Content-Length: 10"));
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();

            Answer answer = Answer.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).isEqualTo("{\"message\":\"Request Timeout\"}");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BODY_TIMEOUT.plusSeconds(3));
        }
        assertServes(tunnel);
    }

    @Test
    void twoHundredTricklingBodies_holdNoThreadEach_andTheApiKeepsAnswering() throws Exception {
        int before = threadsNamed("http-api");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = open(tunnel.port());
                slow.add(socket);
                socket.getOutputStream().write(head("POST", "/" + tunnel.tunnelId() + "/echo", "Content-Length: 100"));
                socket.getOutputStream().write('x');
            }
            Thread.sleep(300);

            assertThat(threadsNamed("http-api")).as("HTTP API threads, %d before", before).isLessThan(before + 50);
            assertServes(tunnel);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    // --- answers the HTTP API cannot carry -----------------------------------------------------------

    @Test
    void responseHeadersOverTheHeaderQuota_are502NamingTheLimit() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + tunnel.port() + "/" + tunnel.tunnelId() + "/header/" + 60 * 1024)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("X-Tunnel-Error")).hasValue("response_too_large");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        assertThat(response.body()).contains(Integer.toString(ProtocolLimits.MAX_HEADER_BLOCK_BYTES));
        assertServes(tunnel);
    }

    // --- floods --------------------------------------------------------------------------------------

    @Test
    void requestsBeyondTheStageThrottle_are429() throws Exception {
        try (Tunnel throttled = Tunnel.start(GatewaySettings.builder()
                .throttle(new GatewaySettings.Throttle(0.5, 3)), app)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + throttled.port()
                        + "/nowhere")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertThat(statuses).contains(429).startsWith(404);
        }
    }

    /** A raw WebSocket session to {@code t}'s gateway, admitted with a token of its own as an agent would be. */
    private static Session connectAsAgent(WebSocketClient client, RecordingSocket socket, Tunnel t) throws Exception {
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
        upgrade.setHeader(AgentToken.HEADER,
                t.gateway().tokenAdmin().create(Optional.empty(), List.of()).token().authorization());
        return client.connect(socket, t.gateway().webSocketUrl(), upgrade).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void malformedAgentMessages_areEachAnswered_andTheTunnelKeepsServing() throws Exception {
        List<String> hostile = List.of("", "not json", "[]", "{}", "{\"type\":\"teleport\"}",
                "{\"type\":\"http_response\",\"requestId\":\"../../x\",\"status\":200,\"headers\":[]}",
                "{\"type\":\"http_response\",\"requestId\":\"never-sent\",\"status\":200,\"headers\":[]}",
                "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":42,\"headers\":[]}",
                "{\"type\":\"error\",\"code\":\"agent_error\",\"message\":\"x\\nSEVERE: forged\"}",
                "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":200,\"headers\":[[\"a\"]]}",
                "{\"type\":\"ready\"" + ",\"x\":\"" + "y".repeat(30_000) + "\"}");
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            RecordingSocket socket = new RecordingSocket();
            Session session = connectAsAgent(client, socket, tunnel);
            for (String message : hostile) {
                session.sendText(message, Callback.NOOP);
            }
            int errors = 0;
            long end = System.nanoTime() + WAIT.toNanos();
            while (errors < hostile.size() - 2 && System.nanoTime() < end) {
                if (socket.next(WAIT).text().contains("\"type\":\"error\"")) {
                    errors++;
                }
            }
            // Every malformed message is answered with an error, except the agent's own error report and the
            // oversized ready, which the service answers with connection_established or an error of its own.
            assertThat(errors).isGreaterThanOrEqualTo(hostile.size() - 2);
            session.close();
        } finally {
            client.stop();
        }
        assertServes(tunnel);
    }

    @Test
    void fiveThousandPingsFromOneConnection_areThrottled_withABoundedRoutePool() throws Exception {
        try (Tunnel flooded = Tunnel.start(GatewaySettings.builder(), app)) {
            WebSocketClient client = new WebSocketClient();
            client.start();
            try {
                int before = threadsNamed("ws-route-");
                RecordingSocket socket = new RecordingSocket();
                Session session = connectAsAgent(client, socket, flooded);
                for (int i = 0; i < 5_000; i++) {
                    session.sendText("{\"type\":\"ping\"}", Callback.NOOP);
                }
                boolean throttled = false;
                long end = System.nanoTime() + WAIT.toNanos();
                while (!throttled && System.nanoTime() < end) {
                    throttled = socket.next(WAIT).text().contains("\"Too Many Requests\"");
                    assertThat(threadsNamed("ws-route-")).isLessThanOrEqualTo(before + 64);
                }
                assertThat(throttled).as("a throttled ping is answered Too Many Requests").isTrue();
                session.close();
            } finally {
                client.stop();
            }
            Thread.sleep(1_000); // the bucket refills
            assertServes(flooded);
        }
    }

    // --- the Management API --------------------------------------------------------------------------

    @Test
    void aGuardedManagementApi_refusesAnyCredentialButTheGatewaysOwn() throws Exception {
        try (Tunnel guarded = Tunnel.start(GatewaySettings.builder().guardManagementApi(true), app)) {
            String connectionId = guarded.gateway().storage().connections()
                    .findNewestByTunnel(guarded.tunnelId()).orElseThrow().connectionId();
            for (String method : List.of("GET", "DELETE", "POST")) {
                try (Socket socket = open(guarded.gateway().webSocketPort())) {
                    socket.getOutputStream().write(head(method, "/local/@connections/" + connectionId,
                            "Authorization: AWS4-HMAC-SHA256 Credential=forged/20260101/us-east-1/execute-api/"
                                    + "aws4_request, SignedHeaders=host, Signature=00",
                            ManagementApiHandler.KEY_HEADER + ": guessed", "Content-Length: 2") );
                    socket.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
                    Answer answer = Answer.read(socket.getInputStream());
                    assertThat(answer.status()).as(method).isEqualTo(403);
                    assertThat(answer.head()).containsIgnoringCase("x-amzn-ErrorType: ForbiddenException");
                }
            }
            assertServes(guarded);
        }
    }

    @Test
    void theManagementApi_isGuardedByDefault_onlyBeyondLoopback() {
        assertThat(GatewaySettings.builder().host("0.0.0.0").build().guardManagementApi()).isTrue();
        assertThat(GatewaySettings.builder().host("192.168.1.10").build().guardManagementApi()).isTrue();
        assertThat(GatewaySettings.builder().host("127.0.0.1").build().guardManagementApi()).isFalse();
        assertThat(GatewaySettings.builder().host("::1").build().guardManagementApi()).isFalse();
    }

    // --- raw HTTP/1.1 --------------------------------------------------------------------------------

    private static final byte[] CRLF = {'\r', '\n'};

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static byte[] head(String method, String target, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The first response on a connection: status, header block and (with a Content-Length) body. */
    private record Answer(int status, String head, String body) {
        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + head.size() + " bytes: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            int status = Integer.parseInt(text.substring(9, 12));
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Answer(status, text, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static int threadsNamed(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix)).count();
    }
}
