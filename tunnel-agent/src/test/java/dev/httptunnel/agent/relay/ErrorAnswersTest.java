package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageDecodingException;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * One test (or a few) per row of the failure table in docs/agent.md: the situation as the relay meets it,
 * the exception it gets included, to the error code and what the message must name. The ITs cover the
 * same rows end to end.
 */
class ErrorAnswersTest {

    private static final String LOCAL = "127.0.0.1:3000";
    private static final String BUCKET = "https://bucket.s3.eu-west-1.amazonaws.com/bodies/req-1";
    private static final String SIGNED = BUCKET + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc123";
    private static final String UPLOAD = "https://bucket.s3.eu-west-1.amazonaws.com/responses/req-1";

    private final ErrorAnswers errors = new ErrorAnswers(LOCAL, Duration.ofMillis(2500));

    private static TunnelRequest get(String path) {
        return TunnelRequest.of("req-1", "GET", path, "", HeaderList.EMPTY, null);
    }

    private static TunnelRequest postWithBodyAt(String url) {
        return new TunnelRequest("req-1", "POST", "/upload", "", HeaderList.EMPTY, "", url, null);
    }

    private static ErrorMessage error(RelayOutcome outcome) {
        assertThat(outcome.answer()).isInstanceOf(ErrorMessage.class);
        ErrorMessage error = (ErrorMessage) outcome.answer();
        assertThat(error.requestId()).isEqualTo("req-1");
        return error;
    }

    // nothing listens on host:port, or the connection broke → local_service_unavailable, names host:port

    @Test
    void nothingListeningOnHostPort_isLocalServiceUnavailable_namingHostAndPort() {
        ErrorMessage refused = error(errors.localFailure(get("/"), new ConnectException()));
        ErrorMessage notInTime = error(errors.localFailure(get("/"),
                new HttpConnectTimeoutException("HTTP connect timed out")));

        assertThat(refused.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
        assertThat(refused.message()).isEqualTo("connection to 127.0.0.1:3000 refused: is the local service running?");
        assertThat(notInTime.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
        assertThat(notInTime.message())
                .isEqualTo("could not connect to 127.0.0.1:3000 in time: is the local service running?");
    }

    @Test
    void aConnectionThatBroke_isLocalServiceUnavailable_namingHostAndPortAndWhy() {
        ErrorMessage error = error(errors.localFailure(get("/"), new IOException("Connection reset")));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
        assertThat(error.message()).isEqualTo("the connection to 127.0.0.1:3000 failed: Connection reset");
    }

    // the app did not answer within --local-timeout (queue wait included) → local_service_timeout

    @Test
    void noHeadersWithinTheLocalTimeout_isLocalServiceTimeout_namingHostPortRequestAndTimeout() {
        ErrorMessage error = error(errors.localFailure(get("/report"), new HttpTimeoutException("request timed out")));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
        assertThat(error.message()).isEqualTo("127.0.0.1:3000 did not answer GET /report within 2500 ms");
    }

    @Test
    void aBodyNotCompleteByTheDeadline_asTheClientReportsIt_isLocalServiceTimeout() {
        // The body subscriber fails with a TimeoutException, which the client hands on inside an IOException.
        ErrorMessage error = error(errors.localFailure(get("/report"), new IOException(new TimeoutException())));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
        assertThat(error.message()).contains(LOCAL).contains("2500 ms");
    }

    @Test
    void aRequestThatWaitedInTheQueuePastTheLocalTimeout_isLocalServiceTimeout_namingTheQueue() {
        ErrorMessage error = error(errors.queuedTooLong(get("/")));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
        assertThat(error.message())
                .isEqualTo("the request waited in the agent's queue longer than the local timeout of 2500 ms");
    }

    // all slots busy and the queue full → agent_busy

    @Test
    void allSlotsBusyAndTheQueueFull_isAgentBusy_namingBothLimits() {
        ErrorMessage error = error(ErrorAnswers.busy(get("/"), 32, 64));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_BUSY);
        assertThat(error.message()).isEqualTo("the agent already has 32 requests in flight and 64 queued");
    }

    // response body over 4,500,000 bytes → response_too_large, names the size and the limit

    @Test
    void aResponseBodyAnnouncedOverTheTunnelLimit_isResponseTooLarge_namingTheSizeAndTheLimit() {
        ErrorMessage error = error(errors.localFailure(get("/video"),
                new IOException(new OversizedBodyException(4_500_001, ProtocolLimits.MAX_BODY_BYTES))));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).isEqualTo("the response of 127.0.0.1:3000 to GET /video has a body of "
                + "4500001 bytes, over the 4500000-byte limit for a body through the tunnel");
    }

    @Test
    void anUnannouncedResponseBodyReadPastTheTunnelLimit_isResponseTooLarge_namingTheLimit() {
        ErrorMessage error = error(errors.localFailure(get("/stream"),
                new OversizedBodyException(-1, ProtocolLimits.MAX_BODY_BYTES)));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).contains("over 4500000 bytes").contains("4500000-byte limit");
    }

    // response too large for one message and no upload URL: body over 98,304 bytes, or headers pushing the
    // message over 128 KB → response_too_large, names the size and the 98,304-byte or 128 KB limit

    @Test
    void aResponseBodyOverOneMessageWithoutAnUploadUrl_isResponseTooLarge_namingTheSizeAnd98304() {
        ErrorMessage error = error(errors.localFailure(get("/page"),
                new OversizedBodyException(200_000, InlineAnswer.MAX_BODY_BYTES)));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).isEqualTo("the response of 127.0.0.1:3000 to GET /page has a body of 200000 "
                + "bytes, over the 98304 bytes one tunnel message can carry, and the service offered no upload URL "
                + "for larger bodies");
    }

    @Test
    void headersPushingTheMessageOver128KBWithoutAnUploadUrl_isResponseTooLarge_namingTheEncodedSizeAndTheLimit() {
        TunnelRequest request = get("/page");
        HeaderList padding = HeaderList.of("X-Padding", "p".repeat(20_000));
        byte[] body = new byte[95_000];
        int encoded = InlineAnswer.encodedSize(request, 200, padding, body);

        ErrorMessage error = error(errors.encodedTooLarge(request, encoded));

        assertThat(encoded).isGreaterThan(ProtocolLimits.MAX_MESSAGE_BYTES);
        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.message()).isEqualTo("the response of 127.0.0.1:3000 to GET /page is " + encoded
                + " bytes once encoded, over the 131072-byte message limit, and the service offered no upload URL");
    }

    // request body at bodyUrl over 4,500,000 bytes → request_too_large, names the size and the limit

    @Test
    void aRequestBodyAtItsUrlOverTheLimit_isRequestTooLarge_namingSizeLimitAndTheUrlWithoutItsSignature() {
        ErrorMessage error = error(ErrorAnswers.requestBodyFailed(postWithBodyAt(SIGNED),
                new OversizedBodyException(4_500_001, ProtocolLimits.MAX_BODY_BYTES)));

        assertThat(error.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE);
        assertThat(error.message()).isEqualTo("the body of POST /upload at " + BUCKET + " is 4500001 bytes, over "
                + "the 4500000-byte limit for a body through the tunnel");
    }

    // downloading the request body from bodyUrl failed: unreachable, non-2xx, timed out, broke off or stalled
    // while streaming to the app → agent_error, names the transfer, the URL without its signature, the status

    @Test
    void aDownloadAnsweredNon2xx_isAgentError_namingTheTransferTheUrlWithoutItsSignatureAndTheStatus() {
        byte[] answer = "<Error>\n  <Code>AccessDenied</Code>\n</Error>".getBytes(StandardCharsets.UTF_8);
        TransferException refused = TransferException.refused(TransferException.downloading(SIGNED), 403, answer);

        ErrorMessage error = error(ErrorAnswers.requestBodyFailed(postWithBodyAt(SIGNED), refused));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).isEqualTo("the agent cannot relay POST /upload: downloading the request body from "
                + BUCKET + " failed: HTTP 403 (<Error> <Code>AccessDenied</Code> </Error>)");
    }

    @Test
    void aDownloadThatCannotReachItsUrl_isAgentError_namingTheTransferAndWhy() {
        TransferException unreachable = TransferException.failed(TransferException.downloading(SIGNED),
                new ConnectException());

        ErrorMessage error = error(ErrorAnswers.requestBodyFailed(postWithBodyAt(SIGNED), unreachable));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message())
                .endsWith("downloading the request body from " + BUCKET + " failed: connection refused");
    }

    @Test
    void aDownloadWithoutHeadersWithinTheTimeout_isAgentError_namingTheTransferAndTheTimeout() {
        TransferException late = TransferException.timedOut(TransferException.downloading(SIGNED), 2500);

        ErrorMessage error = error(ErrorAnswers.requestBodyFailed(postWithBodyAt(SIGNED), late));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).isEqualTo("the agent cannot relay POST /upload: downloading the request body from "
                + BUCKET + " did not finish within the local timeout of 2500 ms");
    }

    @Test
    void aDownloadThatBrokeOffWhileStreamingToTheApp_isAgentError_namingTheDownloadNotTheApp() {
        ErrorMessage error = error(ErrorAnswers.downloadBrokeOff(postWithBodyAt(SIGNED),
                new IOException("connection closed")));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).isEqualTo("the agent cannot relay POST /upload: downloading the request body from "
                + BUCKET + " broke off: java.io.IOException: connection closed").doesNotContain(LOCAL);
    }

    @Test
    void aDownloadThatStalledWhileStreamingToTheApp_isAgentError_namingTheDownloadAndTheTimeout() {
        ErrorMessage error = error(errors.downloadStalled(postWithBodyAt(SIGNED)));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).isEqualTo("the agent cannot relay POST /upload: downloading the request body from "
                + BUCKET + " did not finish within the local timeout of 2500 ms");
    }

    // uploading the response body failed: non-2xx, unreachable, timed out → agent_error, names the transfer,
    // the local status and the upload's status

    @Test
    void anUploadAnsweredNon2xx_isAgentError_namingTheTransferTheLocalStatusAndTheUploadStatus() {
        TransferException refused = TransferException.refused(TransferException.uploading(UPLOAD + "?X-Amz-Signature=s",
                300_000), 403, "AccessDenied".getBytes(StandardCharsets.UTF_8));

        RelayOutcome outcome = errors.uploadFailed(get("/report.pdf"), 12, 200, refused);

        assertThat(error(outcome).code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error(outcome).message()).isEqualTo("the agent cannot answer GET /report.pdf (status 200 from "
                + "127.0.0.1:3000): uploading the response body (300000 bytes) to " + UPLOAD
                + " failed: HTTP 403 (AccessDenied)");
        assertThat(outcome.requestBodyBytes()).as("the request body did reach the app").isEqualTo(12);
        assertThat(outcome.responseBodyBytes()).isZero();
    }

    @Test
    void anUploadSlowerThanTheLocalTimeout_isAgentError_namingTheUploadAndTheTimeout() {
        TransferException late = TransferException.timedOut(TransferException.uploading(UPLOAD, 1_048_576), 2500);

        ErrorMessage error = error(errors.uploadFailed(get("/report.pdf"), 0, 200, late));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).contains("uploading the response body (1048576 bytes) to " + UPLOAD)
                .contains("did not finish within the local timeout of 2500 ms").contains("status 200");
    }

    // the local service broke off / stalled in the middle of a response body being streamed to its upload
    // → local_service_unavailable / local_service_timeout

    @Test
    void theAppBreakingOffAStreamedResponse_isLocalServiceUnavailable_namingHostAndPort() {
        ErrorMessage error = error(errors.localFailure(get("/export"), new IOException("fixed content-length: "
                + "1048576, bytes received: 524288")));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
        assertThat(error.message()).startsWith("the connection to 127.0.0.1:3000 failed: ");
    }

    @Test
    void theAppStallingAStreamedResponse_isLocalServiceTimeout_namingTheResponseBodyAndTheTimeout() {
        ErrorMessage error = error(errors.responseStalled(get("/export")));

        assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_TIMEOUT);
        assertThat(error.message())
                .isEqualTo("127.0.0.1:3000 did not send all of its response body to GET /export within 2500 ms");
    }

    // a method the JDK client cannot send (CONNECT), a header it refuses → agent_error

    @Test
    void aMethodTheJdkClientCannotSend_isAgentError_namingTheMethodAndTheClientsReason() {
        TunnelRequest connect = TunnelRequest.of("req-1", "CONNECT", "/", "", HeaderList.EMPTY, null);
        LocalService local = new LocalService("127.0.0.1", 3000, HostHeaderPolicy.REWRITE, Duration.ofSeconds(1));
        IllegalArgumentException refused = catchThrowableOfType(() -> local.request(connect,
                HttpRequest.BodyPublishers.noBody(), Duration.ofSeconds(1)), IllegalArgumentException.class);

        ErrorMessage error = error(ErrorAnswers.unsendable(connect, refused));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).startsWith("the agent cannot relay CONNECT /: ").contains("CONNECT")
                .endsWith(refused.getMessage());
    }

    // a message the agent cannot decode but which names a request id → invalid_message for that request

    @Test
    void anUndecodableMessageNamingARequestId_isInvalidMessage_forThatRequest() {
        ErrorMessage error = ErrorAnswers.unreadable("req-1", new MessageDecodingException("path must start with '/'"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error.requestId()).isEqualTo("req-1");
        assertThat(error.message()).isEqualTo("the agent could not read the message: path must start with '/'");
    }

    // not in the table: the agent itself

    @Test
    void theAgentShuttingDown_isAgentError_sayingSo() {
        ErrorMessage error = error(ErrorAnswers.shuttingDown(get("/")));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message()).isEqualTo("the agent is shutting down");
    }

    @Test
    void aFailureTheRelayHasNoWordsFor_isAgentError_namingTheFailure() {
        IllegalStateException bug = new IllegalStateException("a bug");
        bug.setStackTrace(new StackTraceElement[0]); // it is logged: keep the test's output to one line

        ErrorMessage error = error(errors.localFailure(get("/"), bug));

        assertThat(error.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(error.message())
                .isEqualTo("the agent failed to relay the request: java.lang.IllegalStateException: a bug");
    }

    @Test
    void anAnswerTooLargeToSend_isResponseTooLarge_namingItsEncodedSizeAndTheMessageLimit() {
        ErrorMessage error = ErrorAnswers.tooLargeToSend(get("/"), new MessageTooLargeException(140_000, 131_072));

        assertThat(error.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(error.requestId()).isEqualTo("req-1");
        assertThat(error.message()).isEqualTo("the response to GET / is 140000 bytes once encoded, over the "
                + "131072-byte message limit");
    }
}
