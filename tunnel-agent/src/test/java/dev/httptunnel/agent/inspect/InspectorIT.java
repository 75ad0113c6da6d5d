package dev.httptunnel.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.TunnelAgent;
import dev.httptunnel.agent.testing.AgentSide;
import dev.httptunnel.agent.testing.FakeTunnelService;
import dev.httptunnel.agent.testing.LocalApp;
import dev.httptunnel.agent.testing.PresignedBucket;
import dev.httptunnel.identity.SecretFile;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspector's API over real sockets, with the real agent relaying from the fake tunnel service to a
 * real local app: every endpoint, the guards, persistence across a restart, and the caps.
 */
@Timeout(60)
class InspectorIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    Path state;

    private FakeTunnelService service;
    private LocalApp app;
    private TunnelAgent agent;
    private AgentSide side;
    private InspectorClient inspector;
    private final List<String> news = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        service = FakeTunnelService.start();
        app = LocalApp.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        app.close();
        service.close();
    }

    private InspectorSettings onDisk() {
        return InspectorSettings.inMemory().withDirectory(state, false);
    }

    private void startAgent(InspectorSettings settings) throws Exception {
        startAgent(settings, app.port());
    }

    private void startAgent(InspectorSettings settings, int localPort) throws Exception {
        agent = TunnelAgent.start(AgentSettings.builder(localPort).endpoint(service.endpoint())
                .listener(new AgentListener() {
                    @Override
                    public void onNews(String line) {
                        news.add(line);
                    }
                })
                .inspector(settings).build());
        side = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);
        inspector = agent.inspectorUrl().map(InspectorClient::new).orElse(null);
    }

    private static TunnelRequest request(String method, String target, HeaderList headers, String body) {
        int question = target.indexOf('?');
        return TunnelRequest.of("insp-" + IDS.incrementAndGet(), method,
                question < 0 ? target : target.substring(0, question), question < 0 ? "" : target.substring(question + 1),
                headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private TunnelResponse exchange(TunnelRequest request) throws Exception {
        Message answer = side.exchange(request, WAIT);
        assertThat(answer).isInstanceOf(TunnelResponse.class);
        return (TunnelResponse) answer;
    }

    private JsonNode awaitCount(int count) throws Exception {
        return inspector.awaitList(list -> list.size() == count, WAIT);
    }

    private static String text(JsonNode body) {
        return new String(Base64.getDecoder().decode(body.get("base64").asText()), StandardCharsets.UTF_8);
    }

    @Test
    void relayedRequest_isListed_andShownWithHeadersInOrderBodiesAndTimings() throws Exception {
        startAgent(InspectorSettings.inMemory());
        exchange(request("POST", "/echo?a=1&b=two", HeaderList.of("Host", "tunnel1.localhost:8080",
                "Content-Type", "application/json", "X-Repeat", "one", "X-Repeat", "two"), "{\"hello\":\"world\"}"));

        JsonNode summary = awaitCount(1).get(0);
        assertThat(summary.get("request").get("method").asText()).isEqualTo("POST");
        assertThat(summary.get("request").get("uri").asText()).isEqualTo("/echo?a=1&b=two");
        assertThat(summary.get("response").get("status_code").asInt()).isEqualTo(200);
        assertThat(summary.get("tunnel_name").asText()).isEqualTo("tunnel000001");
        assertThat(summary.get("request").get("body").has("base64")).as("a summary carries no bodies").isFalse();

        JsonNode detail = inspector.getJson("/api/requests/http/" + summary.get("id").asText());
        List<String> headers = new ArrayList<>();
        detail.get("request").get("headers").forEach(pair -> headers.add(pair.get(0).asText() + "=" + pair.get(1).asText()));
        assertThat(headers).containsSubsequence("X-Repeat=one", "X-Repeat=two");
        assertThat(text(detail.get("request").get("body"))).isEqualTo("{\"hello\":\"world\"}");
        assertThat(text(detail.get("response").get("body"))).isEqualTo("{\"hello\":\"world\"}");
        JsonNode timings = detail.get("timings");
        assertThat(timings.get("sent_to_app_us").asLong()).isNotNegative();
        assertThat(timings.get("first_byte_us").asLong()).isGreaterThanOrEqualTo(timings.get("sent_to_app_us").asLong());
        assertThat(timings.get("done_us").asLong()).isGreaterThanOrEqualTo(timings.get("first_byte_us").asLong());
    }

    @Test
    void list_isNewestFirst_honoursLimit_andSearchesHeadersAndBodies() throws Exception {
        startAgent(InspectorSettings.inMemory());
        exchange(request("POST", "/echo/first", HeaderList.EMPTY, "plain words"));
        exchange(request("POST", "/echo/second", HeaderList.EMPTY, "a needle in the body"));
        exchange(request("GET", "/echo/third", HeaderList.of("X-Marker", "Haystack-Header"), null));
        awaitCount(3);

        JsonNode two = inspector.getJson("/api/requests/http?limit=2").get("requests");
        assertThat(two).hasSize(2);
        assertThat(two.get(0).get("request").get("uri").asText()).isEqualTo("/echo/third");
        assertThat(two.get(1).get("request").get("uri").asText()).isEqualTo("/echo/second");
        JsonNode byBody = inspector.getJson("/api/requests/http?q=NEEDLE").get("requests");
        assertThat(byBody).hasSize(1);
        assertThat(byBody.get(0).get("request").get("uri").asText()).isEqualTo("/echo/second");
        JsonNode byHeader = inspector.getJson("/api/requests/http?q=haystack-header").get("requests");
        assertThat(byHeader).hasSize(1);
        assertThat(byHeader.get(0).get("request").get("uri").asText()).isEqualTo("/echo/third");
        assertThat(inspector.get("/api/requests/http?limit=0").status()).isEqualTo(400);
        assertThat(inspector.get("/api/requests/http/999999").status()).isEqualTo(404);
    }

    @Test
    void replay_asCaptured_andEdited_reachesTheApp_andIsLinkedToItsOriginal() throws Exception {
        startAgent(InspectorSettings.inMemory());
        exchange(request("POST", "/echo/hook", HeaderList.of("X-Signature", "abc"), "event=1"));
        app.awaitRequest(WAIT);
        String id = awaitCount(1).get(0).get("id").asText();

        InspectorClient.Answer again = inspector.postJson("/api/requests/http", "{\"id\":\"" + id + "\"}");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        LocalApp.Seen replayed = app.awaitRequest(WAIT);
        assertThat(replayed.rawTarget()).isEqualTo("/echo/hook");
        assertThat(replayed.header("X-Signature")).containsExactly("abc");
        assertThat(new String(replayed.body(), StandardCharsets.UTF_8)).isEqualTo("event=1");
        assertThat(again.json().get("replay_of").asText()).isEqualTo(id);

        InspectorClient.Answer edited = inspector.postJson("/api/requests/http", "{\"id\":\"" + id + "\","
                + "\"method\":\"PUT\",\"path\":\"/echo/edited?x=1\",\"headers\":[[\"X-Signature\",\"changed\"]],"
                + "\"body\":\"event=2\"}");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        LocalApp.Seen seen = app.awaitRequest(WAIT);
        assertThat(seen.method()).isEqualTo("PUT");
        assertThat(seen.rawTarget()).isEqualTo("/echo/edited?x=1");
        assertThat(seen.header("X-Signature")).containsExactly("changed");
        assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("event=2");

        JsonNode list = awaitCount(3);
        assertThat(list.get(0).get("replay_of").asText()).isEqualTo(id);
        assertThat(list.get(1).get("replay_of").asText()).isEqualTo(id);
        assertThat(list.get(2).get("replay_of").isNull()).isTrue();
    }

    @Test
    void replay_refusesWhatItCannotDo_withAReason() throws Exception {
        startAgent(InspectorSettings.inMemory().withCaps(4, 100, 1 << 20));
        exchange(request("POST", "/echo", HeaderList.EMPTY, "longer than four bytes"));
        String id = awaitCount(1).get(0).get("id").asText();

        assertThat(inspector.postJson("/api/requests/http", "{\"id\":\"nope\"}").status()).isEqualTo(404);
        InspectorClient.Answer notJson = inspector.postJson("/api/requests/http", "{\"id\":\"" + id + "\"");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text()).contains("not valid JSON (line 1, column").doesNotContain("Source:");
        assertThat(inspector.postJson("/api/requests/http", "{}").status()).isEqualTo(400);
        assertThat(inspector.send("POST", "/api/requests/http", "text/plain",
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), "Host: " + inspector.ownHost()).status())
                .as("only JSON, which a page elsewhere cannot post without asking").isEqualTo(415);
        InspectorClient.Answer cut = inspector.postJson("/api/requests/http", "{\"id\":\"" + id + "\"}");
        assertThat(cut.status()).isEqualTo(400);
        assertThat(cut.text()).contains("cut at 4 of 22 bytes");
        assertThat(inspector.postJson("/api/requests/http", "{\"id\":\"" + id + "\",\"body\":\"whole\"}").status())
                .isEqualTo(200);
    }

    @Test
    void delete_dropsEveryCapture_onDiskToo() throws Exception {
        startAgent(onDisk());
        exchange(request("GET", "/echo/1", HeaderList.EMPTY, null));
        exchange(request("GET", "/echo/2", HeaderList.EMPTY, null));
        awaitCount(2);
        assertThat(jsonFiles()).hasSize(2);

        assertThat(inspector.delete("/api/requests/http").status()).isEqualTo(204);

        assertThat(inspector.getJson("/api/requests/http").get("requests")).isEmpty();
        assertThat(jsonFiles()).isEmpty();
    }

    @Test
    void har_isHar12_withEveryRequest_orTheChosenOnes() throws Exception {
        startAgent(InspectorSettings.inMemory());
        exchange(request("POST", "/echo/a?q=1", HeaderList.of("Host", "t.example", "Content-Type", "text/plain"), "hi"));
        exchange(request("GET", "/random/64", HeaderList.of("Host", "t.example"), null));
        JsonNode list = awaitCount(2);

        JsonNode har = inspector.getJson("/api/requests/http.har");
        assertThat(har.get("log").get("version").asText()).isEqualTo("1.2");
        JsonNode entries = har.get("log").get("entries");
        assertThat(entries).hasSize(2);
        JsonNode first = entries.get(0);
        assertThat(first.get("request").get("url").asText()).isEqualTo("http://t.example/echo/a?q=1");
        assertThat(first.get("request").get("queryString").get(0).get("value").asText()).isEqualTo("1");
        assertThat(first.get("request").get("postData").get("text").asText()).isEqualTo("hi");
        assertThat(first.get("response").get("content").get("text").asText()).isEqualTo("hi");
        assertThat(entries.get(1).get("response").get("content").get("encoding").asText()).isEqualTo("base64");
        for (String field : List.of("startedDateTime", "time", "request", "response", "cache", "timings")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        String newest = list.get(0).get("id").asText();
        assertThat(inspector.getJson("/api/requests/http.har?ids=" + newest).get("log").get("entries")).hasSize(1);
        InspectorClient.Answer unknown = inspector.get("/api/requests/http.har?ids=" + newest + ",abc");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("'abc'");
    }

    @Test
    void rawBody_isADownload_neverRenderedAsItsOwnType() throws Exception {
        startAgent(InspectorSettings.inMemory());
        exchange(request("POST", "/echo", HeaderList.of("Content-Type", "text/html"), "<script>alert(1)</script>"));
        String id = awaitCount(1).get(0).get("id").asText();

        InspectorClient.Answer raw = inspector.get("/api/requests/http/" + id + "/response/body");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.text()).isEqualTo("<script>alert(1)</script>");
        assertThat(raw.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(raw.header("Content-Disposition")).startsWith("attachment");
        assertThat(raw.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(inspector.get("/api/requests/http/" + id + "/request/body").text())
                .isEqualTo("<script>alert(1)</script>");
        assertThat(inspector.get("/api/requests/http/" + id + "/elsewhere/body").status()).isEqualTo(404);
    }

    @Test
    void tunnels_showsTheTunnel_withCountAndLatencyPercentiles() throws Exception {
        startAgent(InspectorSettings.inMemory());
        for (int i = 0; i < 4; i++) {
            exchange(request("GET", "/echo/" + i, HeaderList.EMPTY, null));
        }
        awaitCount(4);

        JsonNode tunnel = inspector.getJson("/api/tunnels").get("tunnels").get(0);
        assertThat(tunnel.get("name").asText()).isEqualTo("tunnel000001");
        assertThat(tunnel.get("public_url").asText()).isEqualTo("http://tunnel1.localhost:8080");
        assertThat(tunnel.get("config").get("addr").asText()).isEqualTo("127.0.0.1:" + app.port());
        JsonNode http = tunnel.get("metrics").get("http");
        assertThat(http.get("count").asInt()).isEqualTo(4);
        assertThat(http.get("p50_ms").asDouble()).isPositive();
        assertThat(http.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(http.get("p50_ms").asDouble());
    }

    @Test
    void events_pushEachCaptureToAnOpenPage() throws Exception {
        startAgent(InspectorSettings.inMemory());
        URI url = agent.inspectorUrl().orElseThrow();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: " + inspector.ownHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader events = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            awaitLine(events, ": connected");

            exchange(request("GET", "/echo/live", HeaderList.EMPTY, null));

            awaitLine(events, "event: capture");
            assertThat(awaitLine(events, "data: ")).contains("\"uri\":\"/echo/live\"");
        }
    }

    private static String awaitLine(BufferedReader reader, String prefix) throws Exception {
        String line;
        while ((line = reader.readLine()) != null) {
            // Chunk sizes of the chunked stream come as lines of their own: skip them with the rest.
            int at = line.indexOf(prefix);
            if (at >= 0) {
                return line.substring(at);
            }
        }
        throw new AssertionError("the event stream ended before '" + prefix + "'");
    }

    @Test
    void foreignHost_isRefused_asDnsRebinding() throws Exception {
        startAgent(InspectorSettings.inMemory());
        int port = agent.inspectorUrl().orElseThrow().getPort();

        InspectorClient.Answer rebound = inspector.send("GET", "/api/requests/http", null, null,
                "Host: attacker.example:" + port);
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.text()).contains("DNS rebinding");
        assertThat(inspector.send("GET", "/", null, null, "Host: 127.0.0.1:1").status()).isEqualTo(403);
        assertThat(inspector.send("GET", "/", null, null).status()).as("no Host at all").isEqualTo(403);
        for (String own : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port)) {
            assertThat(inspector.send("GET", "/", null, null, "Host: " + own).status()).as(own).isEqualTo(200);
        }
    }

    @Test
    void foreignOrigin_isRefused_forReadsAndReplays() throws Exception {
        startAgent(InspectorSettings.inMemory());
        exchange(request("GET", "/echo", HeaderList.EMPTY, null));
        String id = awaitCount(1).get(0).get("id").asText();
        String host = "Host: " + inspector.ownHost();

        InspectorClient.Answer read = inspector.send("GET", "/api/requests/http", null, null, host,
                "Origin: http://attacker.example");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.text()).contains("another origin");
        assertThat(inspector.send("POST", "/api/requests/http", "application/json",
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), host, "Origin: null").status())
                .isEqualTo(403);
        assertThat(inspector.send("DELETE", "/api/requests/http", null, null, host,
                "Origin: http://localhost.attacker.example").status()).isEqualTo(403);
        assertThat(inspector.getJson("/api/requests/http").get("requests")).as("nothing was cleared").hasSize(1);
        assertThat(inspector.send("GET", "/api/requests/http", null, null, host,
                "Origin: http://" + inspector.ownHost()).status()).isEqualTo(200);
    }

    @Test
    void page_isServedWithAPolicyThatRunsOnlyItsOwnScript() throws Exception {
        startAgent(InspectorSettings.inMemory());
        InspectorClient.Answer page = inspector.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<script src=\"/inspector.js\"");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(inspector.get("/inspector.js").text()).contains("textContent");
        assertThat(inspector.get("/inspector.css").status()).isEqualTo(200);
        assertThat(inspector.get("/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void captures_surviveARestart_andIdsKeepIncreasing() throws Exception {
        startAgent(onDisk());
        exchange(request("POST", "/echo/webhook", HeaderList.EMPTY, "before the restart"));
        String before = awaitCount(1).get(0).get("id").asText();
        agent.close();

        startAgent(onDisk());
        JsonNode kept = awaitCount(1).get(0);
        assertThat(kept.get("id").asText()).isEqualTo(before);
        assertThat(text(inspector.getJson("/api/requests/http/" + before).get("request").get("body")))
                .isEqualTo("before the restart");
        assertThat(inspector.postJson("/api/requests/http", "{\"id\":\"" + before + "\"}").status()).isEqualTo(200);
        JsonNode list = awaitCount(2);
        assertThat(Long.parseLong(list.get(0).get("id").asText())).isGreaterThan(Long.parseLong(before));
        for (Path file : jsonFiles()) {
            assertThat(SecretFile.isExposed(file)).as("%s is owner-only", file).isFalse();
        }
    }

    @Test
    void clearAtStart_dropsWhatEarlierRunsKept() throws Exception {
        startAgent(onDisk());
        exchange(request("GET", "/echo/old", HeaderList.EMPTY, null));
        awaitCount(1);
        agent.close();

        startAgent(onDisk().withDirectory(state, true));
        assertThat(inspector.getJson("/api/requests/http").get("requests")).isEmpty();
        assertThat(jsonFiles()).isEmpty();
    }

    @Test
    void caps_holdForBodiesCountAndBytes_oldestDroppedFirst() throws Exception {
        startAgent(onDisk().withCaps(10, 3, 1 << 20));
        for (int i = 1; i <= 5; i++) {
            exchange(request("POST", "/echo/" + i, HeaderList.EMPTY, "body number " + i + " is longer than ten"));
        }
        JsonNode list = inspector.awaitList(requests -> requests.size() == 3
                && requests.get(0).get("request").get("uri").asText().equals("/echo/5"), WAIT);
        assertThat(list.get(2).get("request").get("uri").asText()).isEqualTo("/echo/3");
        JsonNode body = list.get(0).get("request").get("body");
        assertThat(body.get("captured").asInt()).isEqualTo(10);
        assertThat(body.get("size").asInt()).isEqualTo(32);
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(jsonFiles()).hasSize(3);
        agent.close();

        // The byte cap: each capture holds its headers, its bodies and a little more; 2 fit in 1200 bytes.
        startAgent(onDisk().withCaps(400, 100, 1200));
        assertThat(inspector.getJson("/api/requests/http").get("requests").size()).isLessThanOrEqualTo(3);
        exchange(request("POST", "/echo/big", HeaderList.EMPTY, "x".repeat(400)));
        exchange(request("POST", "/echo/bigger", HeaderList.EMPTY, "y".repeat(400)));
        JsonNode bytes = inspector.awaitList(requests -> requests.size() >= 1
                && requests.get(0).get("request").get("uri").asText().equals("/echo/bigger"), WAIT);
        assertThat(bytes.size()).isEqualTo(1);
        assertThat(jsonFiles()).hasSize(1);
    }

    @Test
    void streamedBodies_areTeedUpToTheCap_andTheirSizeKept() throws Exception {
        try (PresignedBucket bucket = PresignedBucket.start()) {
            startAgent(InspectorSettings.inMemory().withCaps(1000, 100, 10 << 20));
            byte[] upload = LocalApp.randomBytes(300_000);
            TunnelRequest post = new TunnelRequest("insp-" + IDS.incrementAndGet(), "POST", "/echo", "",
                    HeaderList.EMPTY, "", bucket.offer(upload), bucket.uploadUrl());
            exchange(post);
            TunnelResponse big = exchange(request("GET", "/random/200000", HeaderList.EMPTY, null)
                    .withResponseUploadUrl(bucket.uploadUrl()));
            assertThat(big.bodyUploaded()).isTrue();

            JsonNode list = awaitCount(2);
            JsonNode download = inspector.getJson("/api/requests/http/" + list.get(0).get("id").asText());
            JsonNode response = download.get("response").get("body");
            assertThat(response.get("size").asInt()).isEqualTo(200_000);
            assertThat(Base64.getDecoder().decode(response.get("base64").asText()))
                    .isEqualTo(java.util.Arrays.copyOf(LocalApp.randomBytes(200_000), 1000));
            JsonNode sent = inspector.getJson("/api/requests/http/" + list.get(1).get("id").asText());
            JsonNode request = sent.get("request").get("body");
            assertThat(request.get("size").asInt()).isEqualTo(300_000);
            assertThat(Base64.getDecoder().decode(request.get("base64").asText()))
                    .isEqualTo(java.util.Arrays.copyOf(upload, 1000));
        }
    }

    @Test
    void tunnelErrors_areCapturedWithTheirCode() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        startAgent(InspectorSettings.inMemory(), closedPort);
        side.exchange(request("GET", "/nobody-home", HeaderList.EMPTY, null), WAIT);

        JsonNode capture = awaitCount(1).get(0);
        assertThat(capture.get("response").isNull()).isTrue();
        assertThat(capture.get("error").get("code").asText()).isEqualTo("local_service_unavailable");
        assertThat(capture.get("timings").get("first_byte_us").asLong()).isEqualTo(-1);
    }

    @Test
    void aTakenPort_movesToTheNext_orTurnsTheInspectorOffWithALine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            startAgent(InspectorSettings.inMemory().withAddress("127.0.0.1", port, true));
            assertThat(agent.inspectorUrl().orElseThrow().getPort()).isNotEqualTo(port);
            assertThat(news).anyMatch(line -> line.contains("port " + port + " is taken; using"));
            agent.close();

            startAgent(InspectorSettings.inMemory().withAddress("127.0.0.1", port, false));
            assertThat(agent.inspectorUrl()).isEmpty();
            assertThat(news).anyMatch(line -> line.startsWith("Inspector off: cannot listen on 127.0.0.1:" + port));
            exchange(request("GET", "/echo", HeaderList.EMPTY, null));
        }
    }

    private List<Path> jsonFiles() throws Exception {
        try (Stream<Path> files = Files.list(state)) {
            return files.filter(file -> file.toString().endsWith(".json")).toList();
        }
    }
}
