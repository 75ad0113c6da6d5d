package dev.httptunnel.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.agent.testing.AgentSide;
import dev.httptunnel.agent.testing.FakeTunnelService;
import dev.httptunnel.agent.testing.LocalApp;
import dev.httptunnel.agent.testing.PresignedBucket;
import dev.httptunnel.agent.testing.RecordingListener;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies too large for one message, through presigned URLs played by a loopback {@link PresignedBucket}: request
 * bodies downloaded from {@code bodyUrl}, response bodies uploaded to {@code responseBodyUploadUrl}, the
 * limits, the failures, and small requests answered quickly while large transfers are in flight.
 */
@Timeout(30)
class LargeBodiesIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX = ProtocolLimits.MAX_BODY_BYTES;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final RecordingListener listener = new RecordingListener();
    private FakeTunnelService service;
    private LocalApp app;
    private PresignedBucket store;
    private TunnelAgent agent;
    private AgentSide side;

    @BeforeEach
    void start() throws Exception {
        service = FakeTunnelService.start();
        app = LocalApp.start();
        store = PresignedBucket.start();
        startAgent(AgentSettings.builder(app.port()));
    }

    private void startAgent(AgentSettings.Builder builder) throws Exception {
        agent = TunnelAgent.start(builder.endpoint(service.endpoint()).listener(listener).build());
        side = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        store.close();
        app.close();
        service.close();
    }

    private static TunnelRequest get(String path) {
        return TunnelRequest.of("big-" + IDS.incrementAndGet(), "GET", path, "", HeaderList.EMPTY, null);
    }

    private static TunnelRequest postAt(String path, String bodyUrl) {
        return new TunnelRequest("big-" + IDS.incrementAndGet(), "POST", path, "", HeaderList.EMPTY, "", bodyUrl, null);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private ErrorMessage exchangeForError(TunnelRequest request) throws InterruptedException {
        Message answer = side.exchange(request, WAIT);
        assertThat(answer).isInstanceOf(ErrorMessage.class);
        return (ErrorMessage) answer;
    }

    @ParameterizedTest
    @ValueSource(ints = {1_048_576, MAX})
    void requestBodyAtBodyUrl_reachesTheLocalAppByteExact(int size) throws Exception {
        byte[] body = random(size, size);

        Message answer = side.exchange(postAt("/status/204", store.offer(body)), WAIT);

        assertThat(answer).isInstanceOfSatisfying(TunnelResponse.class, r -> assertThat(r.status()).isEqualTo(204));
        LocalApp.Seen seen = app.awaitRequest(WAIT);
        assertThat(seen.body()).hasSize(size).isEqualTo(body);
        assertThat(seen.header("Content-Length")).containsExactly(Integer.toString(size));
        assertThat(listener.awaitRequest(WAIT).requestBodyBytes()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(ints = {300 * 1024, MAX})
    void largeResponse_isUploadedByteExact_andAnsweredBodyUploaded(int size) throws Exception {
        String uploadUrl = store.uploadUrl();

        Message answer = side.exchange(get("/random/" + size).withResponseUploadUrl(uploadUrl), WAIT);

        assertThat(answer).isInstanceOfSatisfying(TunnelResponse.class, response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyUploaded()).isTrue();
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().first("Content-Length")).contains(Integer.toString(size));
        });
        PresignedBucket.Upload upload = store.awaitUpload(uploadUrl, WAIT);
        assertThat(upload.body()).hasSize(size).isEqualTo(LocalApp.randomBytes(size));
        assertThat(upload.header("Content-Length")).containsExactly(Integer.toString(size));
        assertThat(upload.header("Content-Type")).isEmpty();
        assertThat(listener.awaitRequest(WAIT).responseBodyBytes()).isEqualTo(size);
    }

    @Test
    void maxBodyBothWays_echoedThroughDownloadAndUpload() throws Exception {
        byte[] body = random(MAX, 99);
        String uploadUrl = store.uploadUrl();

        Message answer = side.exchange(postAt("/echo", store.offer(body)).withResponseUploadUrl(uploadUrl), WAIT);

        assertThat(answer).isInstanceOfSatisfying(TunnelResponse.class,
                response -> assertThat(response.bodyUploaded()).isTrue());
        assertThat(store.awaitUpload(uploadUrl, WAIT).body()).isEqualTo(body);
    }

    @Test
    void smallResponse_staysInline_evenWhenAnUploadUrlIsOffered() throws Exception {
        Message answer = side.exchange(get("/random/50000").withResponseUploadUrl(store.uploadUrl()), WAIT);

        assertThat(answer).isInstanceOfSatisfying(TunnelResponse.class, response -> {
            assertThat(response.bodyUploaded()).isFalse();
            assertThat(response.bodyBytes()).isEqualTo(LocalApp.randomBytes(50_000));
        });
        assertThat(store.putCount()).isZero();
    }

    @Test
    void bodyUnderTheInlineLimit_whoseHeadersPushTheMessageOver128KB_isUploaded() throws Exception {
        String uploadUrl = store.uploadUrl();

        Message answer = side.exchange(get("/big-header/95000").withResponseUploadUrl(uploadUrl), WAIT);

        assertThat(answer).isInstanceOfSatisfying(TunnelResponse.class, response -> {
            assertThat(response.bodyUploaded()).isTrue();
            assertThat(response.headers().first("X-Padding")).hasValueSatisfying(v -> assertThat(v).hasSize(20_000));
        });
        assertThat(store.awaitUpload(uploadUrl, WAIT).body()).isEqualTo(LocalApp.randomBytes(95_000));
    }

    @Test
    void responseOverTheMaximum_isAnsweredResponseTooLarge_namingSizeAndLimit_withoutUploading() throws Exception {
        ErrorMessage error = exchangeForError(get("/size/" + (MAX + 1)).withResponseUploadUrl(store.uploadUrl()));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).contains("4500001").contains("4500000");
        assertThat(store.putCount()).isZero();
    }

    @Test
    void chunkedResponseOverTheMaximum_isRefusedOnceReadingPassesTheLimit() throws Exception {
        ErrorMessage error = exchangeForError(get("/chunked/" + (MAX + 100_000)).withResponseUploadUrl(store.uploadUrl()));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).contains("over 4500000 bytes");
        assertThat(store.putCount()).isZero();
    }

    @Test
    void withoutAnUploadUrl_aResponseOverOneMessage_isStillResponseTooLarge() throws Exception {
        ErrorMessage error = exchangeForError(get("/size/200000"));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).contains("200000").contains("98304");
    }

    @Test
    void requestBodyOverTheMaximum_isAnsweredRequestTooLarge_andNeverReachesTheApp() throws Exception {
        ErrorMessage error = exchangeForError(postAt("/echo", store.offer(new byte[MAX + 1])));

        assertThat(error.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE);
        assertThat(error.message()).contains("4500001").contains("4500000");
        assertThat(app.awaitRequestOrNull()).isNull();
    }

    @Test
    void downloadAnswered404_isAnsweredAgentError_namingTheFailure_withoutTheSignature() throws Exception {
        String missing = store.missing();

        ErrorMessage error = exchangeForError(postAt("/echo", missing));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).contains("downloading the request body").contains("404")
                .contains(java.net.URI.create(missing).getRawPath())
                .doesNotContain("X-Amz-Signature");
        assertThat(app.awaitRequestOrNull()).isNull();
    }

    @Test
    void aDownloadCutShort_isAnsweredAgentError_namingTheDownload_notTheApp() throws Exception {
        ErrorMessage error = exchangeForError(postAt("/echo", store.offerCutShort(new byte[1_048_576])));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).contains("downloading the request body").contains("broke off")
                .doesNotContain("X-Amz-Signature");
    }

    @Test
    void aDownloadThatStalls_isAnsweredAgentError_namingTheDownload_withinTheTimeout() throws Exception {
        agent.close();
        startAgent(AgentSettings.builder(app.port()).localTimeout(Duration.ofMillis(800)));
        long start = System.nanoTime();

        ErrorMessage error = exchangeForError(postAt("/echo", store.offerStalling(new byte[1_048_576])));

        assertThat(error.code()).as(error.message()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).contains("downloading the request body").contains("800 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(700L, 3000L);
    }

    @Test
    void aStreamedResponseThatStalls_isAnsweredLocalServiceTimeout_namingTheApp() throws Exception {
        agent.close();
        startAgent(AgentSettings.builder(app.port()).localTimeout(Duration.ofMillis(800)));
        String uploadUrl = store.uploadUrl();
        long start = System.nanoTime();

        ErrorMessage error = exchangeForError(get("/stalling/1048576").withResponseUploadUrl(uploadUrl));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
        assertThat(error.message()).contains("127.0.0.1:" + app.port()).contains("response body").contains("800 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(700L, 3000L);
        assertThatThrownBy(() -> store.awaitUpload(uploadUrl, Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void anEmptyBodyAtItsUrl_reachesTheAppEmpty() throws Exception {
        Message answer = side.exchange(postAt("/echo", store.offer(new byte[0])), WAIT);

        assertThat(answer).isInstanceOf(dev.httptunnel.protocol.TunnelResponse.class);
        assertThat(((dev.httptunnel.protocol.TunnelResponse) answer).status()).isEqualTo(200);
        assertThat(((dev.httptunnel.protocol.TunnelResponse) answer).bodyBytes()).isEmpty();
    }

    @Test
    void uploadAnswered403_isAnsweredAgentError_namingTheStatus() throws Exception {
        ErrorMessage error = exchangeForError(get("/random/300000").withResponseUploadUrl(store.refusingUploadUrl(403)));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).contains("uploading the response body").contains("HTTP 403")
                .contains("AccessDenied");
    }

    @Test
    void aStreamedResponseCutShortByTheApp_isAnsweredLocalServiceUnavailable_andNothingIsUploaded()
            throws Exception {
        String uploadUrl = store.uploadUrl();
        long start = System.nanoTime();

        ErrorMessage error = exchangeForError(get("/cut-short/1048576").withResponseUploadUrl(uploadUrl));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
        assertThat(error.message()).contains("the connection to 127.0.0.1:" + app.port() + " failed");
        assertThatThrownBy(() -> store.awaitUpload(uploadUrl, Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void uploadSlowerThanTheLocalTimeout_isAnsweredAgentError_withinTheTimeout() throws Exception {
        agent.close();
        startAgent(AgentSettings.builder(app.port()).localTimeout(Duration.ofMillis(800)));
        // 1 MB read at 64 KB per 300 ms takes about 5 s, far beyond the 800 ms local timeout.
        store.slowUploads(Duration.ofMillis(300));
        long start = System.nanoTime();

        ErrorMessage error = exchangeForError(get("/random/1048576").withResponseUploadUrl(store.uploadUrl()));

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).contains("uploading the response body").contains("800 ms");
        assertThat(millis).isBetween(700L, 2000L);
    }

    @Test
    void smallRequest_isAnsweredQuickly_whileEightLargeUploadsAreInFlight() throws Exception {
        long baselineMillis = timeSmallRequest();
        // Each 1 MB upload takes about 16 × 100 ms to be read: a slow uplink.
        store.slowUploads(Duration.ofMillis(100));
        List<String> uploadUrls = new ArrayList<>();
        List<CompletableFuture<Message>> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String uploadUrl = store.uploadUrl();
            TunnelRequest large = get("/random/1048576").withResponseUploadUrl(uploadUrl);
            uploadUrls.add(uploadUrl);
            batch.add(side.answerFor(large.requestId()));
            side.send(large);
        }
        long waitUntil = System.nanoTime() + WAIT.toNanos();
        while (store.uploadsInProgress() < 8 && System.nanoTime() < waitUntil) {
            Thread.sleep(5);
        }
        assertThat(store.uploadsInProgress()).as("uploads in flight").isEqualTo(8);

        long duringMillis = timeSmallRequest();
        int stillUploading = store.uploadsInProgress();

        System.out.printf("small request: %d ms alone, %d ms during 8 x 1 MB uploads (%d still uploading)%n",
                baselineMillis, duringMillis, stillUploading);
        assertThat(stillUploading).as("uploads still in flight when the small answer arrived").isPositive();
        assertThat(duringMillis).isLessThan(2000);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(batch.get(i).get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(TunnelResponse.class,
                    response -> assertThat(response.bodyUploaded()).isTrue());
            assertThat(store.awaitUpload(uploadUrls.get(i), WAIT).body()).hasSize(1_048_576);
        }
    }

    private long timeSmallRequest() throws InterruptedException {
        long start = System.nanoTime();
        Message answer = side.exchange(get("/random/1000"), WAIT);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(answer).isInstanceOfSatisfying(TunnelResponse.class,
                response -> assertThat(response.bodyBytes()).isEqualTo(LocalApp.randomBytes(1000)));
        return millis;
    }
}
