package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    static Stream<Message> everyMessage() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        return Stream.of(
                Ready.of("1.0.0"),
                new Ready(null, "resume-token", null),
                Ready.successorOf("1.0.0"),
                new ConnectionReplaced("shop"),
                new ConnectionEstablished("abc123def456", List.of("https://abc123def456.tunnel.example.com",
                        "https://api.example.com/abc123def456")),
                new ConnectionEstablished("abc123def456", List.of("https://api.example.com/abc123def456"), 7200L),
                ErrorMessage.forRequest("req-6", ErrorCode.CONNECTION_RETIRED, "replaced by a newer connection"),
                TunnelRequest.of("req-1", "PATCH", "/a%20b/%E2%82%AC", "x=1&x=2&y=%26", HeaderList.of(
                        "Accept", "text/html", "X-Dup", "one", "X-Dup", "two"), binary),
                TunnelRequest.of("req-2", "GET", "/", "", HeaderList.EMPTY, null),
                TunnelRequest.of("req-5", "POST", "/upload", "", HeaderList.of("Content-Type", "video/mp4"), null)
                        .withBodyAt("https://bucket.s3.amazonaws.com/requests/req-5?X-Amz-Signature=abc")
                        .withResponseUploadUrl("https://bucket.s3.amazonaws.com/responses/req-5?X-Amz-Signature=d"),
                TunnelResponse.uploaded("req-5", 200, HeaderList.of("Content-Type", "video/mp4")),
                TunnelResponse.of("req-1", 200, HeaderList.of("Set-Cookie", "a=1; Path=/", "Set-Cookie", "b=2"),
                        "héllo wörld ✓".getBytes(StandardCharsets.UTF_8)),
                TunnelResponse.of("req-3", 204, HeaderList.EMPTY, new byte[0]),
                ErrorMessage.forRequest("req-4", ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "connection refused"),
                ErrorMessage.general(ErrorCode.INVALID_MESSAGE, "bad json"),
                new Ping(),
                new Pong(),
                new AnswerCheck(List.of("req-1", "req-2")),
                new MissingAnswers(List.of()));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessage_survivesARoundTrip(Message message) {
        String json = MessageCodec.encode(message);

        assertThat(MessageCodec.decode(json)).isEqualTo(message);
    }

    @Test
    void encodedMessages_nameTheirTypeOnTheWire() {
        assertThat(MessageCodec.encode(new Ping())).isEqualTo("{\"type\":\"ping\"}");
        assertThat(MessageCodec.encode(Ready.of("1.2"))).contains("\"type\":\"ready\"");
        assertThat(MessageCodec.encode(ErrorMessage.general(ErrorCode.AGENT_BUSY, "full")))
                .contains("\"code\":\"agent_busy\"").doesNotContain("requestId");
    }

    @Test
    void aCodeFromANewerPeer_isReadAsAnAgentError_soItsRequestFailsAtOnce() {
        ErrorMessage newer = (ErrorMessage) MessageCodec.decode(
                "{\"type\":\"error\",\"requestId\":\"req-1\",\"code\":\"some_later_code\",\"message\":\"m\"}");

        assertThat(newer.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(newer.message()).isEqualTo("m");
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"error\",\"requestId\":\"req-1\",\"message\":\"m\"}"))
                .isInstanceOf(MessageDecodingException.class);
    }

    @Test
    void theOldNameForAResponseOverTheLimit_isStillRead_butTheNewOneIsWritten() {
        ErrorMessage old = (ErrorMessage) MessageCodec.decode(
                "{\"type\":\"error\",\"requestId\":\"req-1\",\"code\":\"body_too_large\",\"message\":\"m\"}");

        assertThat(old.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(MessageCodec.encode(old)).contains("\"code\":\"response_too_large\"");
    }

    @Test
    void aCallerAnsweredWithAProtocolCode_seesAgentError_whileRequestCodesPassAsThemselves() {
        assertThat(ErrorCode.LOCAL_SERVICE_UNAVAILABLE.forCaller()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE);
        assertThat(ErrorCode.LOCAL_SERVICE_UNAVAILABLE.callerStatus()).isEqualTo(502);
        assertThat(ErrorCode.LOCAL_SERVICE_TIMEOUT.callerStatus()).isEqualTo(504);
        assertThat(ErrorCode.REQUEST_TOO_LARGE.callerStatus()).isEqualTo(413);
        assertThat(ErrorCode.INVALID_MESSAGE.forCaller()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(ErrorCode.INVALID_MESSAGE.callerStatus()).isEqualTo(502);
    }

    @Test
    void theConnectionLimit_isOptional_andMustBePositive() {
        ConnectionEstablished older = (ConnectionEstablished) MessageCodec.decode(
                "{\"type\":\"connection_established\",\"tunnelId\":\"abc123def456\",\"publicUrls\":[\"https://x\"]}");
        assertThat(older.maxConnectionSeconds()).isNull();
        assertThat(MessageCodec.encode(older)).doesNotContain("maxConnectionSeconds");
        assertThat(MessageCodec.encode(new ConnectionEstablished("abc123def456", List.of("https://x"), 20L)))
                .contains("\"maxConnectionSeconds\":20");

        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"connection_established\",\"tunnelId\":"
                + "\"abc123def456\",\"publicUrls\":[\"https://x\"],\"maxConnectionSeconds\":0}"))
                .isInstanceOf(MessageDecodingException.class).hasMessageContaining("maxConnectionSeconds must be positive");
    }

    @Test
    void aReadyWithoutTheSuccessorField_isAnOlderAgents_andReplacesNoOne() {
        Ready older = (Ready) MessageCodec.decode("{\"type\":\"ready\",\"agentVersion\":\"0.9\"}");

        assertThat(older.successor()).isNull();
        assertThat(older.replacesOthers()).isFalse();
        assertThat(Ready.successorOf("1.0").replacesOthers()).isFalse();
        assertThat(Ready.of("1.0").replacesOthers()).isTrue();
        assertThat(MessageCodec.encode(Ready.of("1.0"))).contains("\"successor\":false");
        assertThat(MessageCodec.encode(Ready.successorOf("1.0"))).contains("\"successor\":true");
    }

    @Test
    void connectionReplaced_namesAValidTunnel_orIsRefused() {
        assertThat(MessageCodec.encode(new ConnectionReplaced("shop")))
                .isEqualTo("{\"type\":\"connection_replaced\",\"tunnelId\":\"shop\"}");

        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"connection_replaced\"}"))
                .isInstanceOf(MessageDecodingException.class);
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"connection_replaced\",\"tunnelId\":\"../x\"}"))
                .isInstanceOf(MessageDecodingException.class);
    }

    @Test
    void aRequestCarryingTheNoticeInItsBodyOrHeaders_isStillARequest() {
        String notice = MessageCodec.encode(new ConnectionReplaced("shop"));
        TunnelRequest request = TunnelRequest.of("req-9", "POST", "/hook", "",
                HeaderList.of("X-Type", notice), notice.getBytes(StandardCharsets.UTF_8));

        assertThat(MessageCodec.decode(MessageCodec.encode(request))).isInstanceOf(TunnelRequest.class);
    }

    @Test
    void headers_travelAsOrderedPairs_soRepeatedNamesSurvive() {
        TunnelResponse response = TunnelResponse.of("r", 200,
                HeaderList.of("Set-Cookie", "a=1", "Content-Type", "text/plain", "Set-Cookie", "b=2"), null);

        String json = MessageCodec.encode(response);

        assertThat(json).contains("[[\"Set-Cookie\",\"a=1\"],[\"Content-Type\",\"text/plain\"],[\"Set-Cookie\",\"b=2\"]]");
        TunnelResponse decoded = (TunnelResponse) MessageCodec.decode(json);
        assertThat(decoded.headers().all("set-cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void binaryBodies_areByteExactAfterARoundTrip() {
        byte[] body = new byte[70_000];
        new Random(7).nextBytes(body);

        TunnelResponse decoded = (TunnelResponse) MessageCodec.decode(
                MessageCodec.encode(TunnelResponse.of("r", 200, HeaderList.EMPTY, body)));

        assertThat(decoded.bodyBytes()).isEqualTo(body);
    }

    @Test
    void inlineResponses_doNotMentionUploads_onTheWire() {
        assertThat(MessageCodec.encode(TunnelResponse.of("r", 200, HeaderList.EMPTY, null)))
                .doesNotContain("bodyUploaded");
        assertThat(MessageCodec.encode(TunnelResponse.uploaded("r", 200, HeaderList.EMPTY)))
                .contains("\"bodyUploaded\":true");
    }

    @Test
    void unknownFields_areIgnored() {
        Message message = MessageCodec.decode(
                "{\"type\":\"http_response\",\"requestId\":\"r1\",\"status\":201,\"headers\":[],"
                        + "\"body\":\"\",\"compression\":\"zstd\",\"extra\":{\"nested\":[1,2]}}");

        assertThat(message).isEqualTo(TunnelResponse.of("r1", 201, HeaderList.EMPTY, null));
    }

    @Test
    void missingOptionalFields_takeTheirDefaults() {
        TunnelRequest request = (TunnelRequest) MessageCodec.decode(
                "{\"type\":\"http_request\",\"requestId\":\"r1\",\"method\":\"GET\",\"path\":\"/\"}");

        assertThat(request.query()).isEmpty();
        assertThat(request.headers()).isEqualTo(HeaderList.EMPTY);
        assertThat(request.bodyBytes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[1,2]", "null", "{\"type\":\"ping\"} trailing", "\"ping\""})
    void malformedJson_isATypedDecodingError(String text) {
        assertThatThrownBy(() -> MessageCodec.decode(text)).isInstanceOf(MessageDecodingException.class);
    }

    @Test
    void unknownType_isATypedDecodingErrorNamingTheType() {
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"teleport\",\"to\":\"mars\"}"))
                .isInstanceOf(MessageDecodingException.class)
                .hasMessageContaining("unknown message type 'teleport'");
    }

    @Test
    void missingType_isATypedDecodingError() {
        assertThatThrownBy(() -> MessageCodec.decode("{\"requestId\":\"r\"}"))
                .isInstanceOf(MessageDecodingException.class)
                .hasMessageContaining("type");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":99}",
        "{\"type\":\"http_response\",\"requestId\":\"r\"}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":\"ok\"}",
        "{\"type\":\"http_response\",\"status\":200}",
        "{\"type\":\"http_response\",\"requestId\":\"r/../x\",\"status\":200}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":200,\"body\":\"***\"}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":200,\"headers\":[[\"X\"]]}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":200,\"headers\":[[\"X\",\"a\\r\\nInjected: 1\"]]}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":200,\"headers\":[[\"Bad Name\",\"v\"]]}",
        "{\"type\":\"http_request\",\"requestId\":\"r\",\"method\":\"GET\",\"path\":\"no-slash\"}",
        "{\"type\":\"http_request\",\"requestId\":\"r\",\"method\":\"G E T\",\"path\":\"/\"}",
        "{\"type\":\"error\",\"requestId\":\"r\"}",
        "{\"type\":\"connection_established\",\"tunnelId\":\"UPPER\",\"publicUrls\":[\"x\"]}",
        "{\"type\":\"connection_established\",\"tunnelId\":\"abc123def456\",\"publicUrls\":[]}",
        "{\"type\":\"http_request\",\"requestId\":\"r\",\"method\":\"GET\",\"path\":\"/\",\"body\":\"AA==\","
                + "\"bodyUrl\":\"https://b.example/x\"}",
        "{\"type\":\"http_request\",\"requestId\":\"r\",\"method\":\"GET\",\"path\":\"/\","
                + "\"bodyUrl\":\"file:///etc/passwd\"}",
        "{\"type\":\"http_request\",\"requestId\":\"r\",\"method\":\"GET\",\"path\":\"/\","
                + "\"responseBodyUploadUrl\":\"not a url\"}",
        "{\"type\":\"http_response\",\"requestId\":\"r\",\"status\":200,\"body\":\"AA==\",\"bodyUploaded\":true}",
        "{\"type\":\"answer_check\"}",
        "{\"type\":\"answer_check\",\"requestIds\":[\"r/../x\"]}",
        "{\"type\":\"missing_answers\",\"requestIds\":[null]}",
    })
    void messagesBreakingAProtocolRule_areTypedDecodingErrors(String json) {
        assertThatThrownBy(() -> MessageCodec.decode(json))
                .isInstanceOf(MessageDecodingException.class)
                .hasMessageStartingWith("message breaks the protocol");
    }

    @Test
    void anAnswerCheck_namesAtMostSixtyFourRequests() {
        String ids = IntStream.rangeClosed(0, AnswerCheck.MAX_IDS).mapToObj(i -> "\"r" + i + "\"")
                .collect(Collectors.joining(","));

        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"answer_check\",\"requestIds\":[" + ids + "]}"))
                .isInstanceOf(MessageDecodingException.class)
                .hasMessageContaining("at most 64 request ids: 65");
    }

    @Test
    void aMessageOverTheLimit_isRefusedWithItsSize() {
        byte[] body = new byte[100 * 1024];
        TunnelResponse response = TunnelResponse.of("r", 200, HeaderList.EMPTY, body);

        assertThatThrownBy(() -> MessageCodec.encode(response))
                .isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(ProtocolLimits.MAX_MESSAGE_BYTES);
                    assertThat(e.size()).isGreaterThan(ProtocolLimits.MAX_MESSAGE_BYTES);
                    assertThat(e.getMessage()).isEqualTo("message exceeds 131072 bytes: " + e.size());
                });
    }

    @Test
    void aMessageJustUnderTheLimit_isAccepted() {
        int overhead = MessageCodec.encodeToBytes(TunnelResponse.of("r", 200, HeaderList.EMPTY, null)).length;
        int base64Room = ProtocolLimits.MAX_MESSAGE_BYTES - overhead;
        byte[] body = new byte[base64Room / 4 * 3];

        byte[] encoded = MessageCodec.encodeToBytes(TunnelResponse.of("r", 200, HeaderList.EMPTY, body));

        assertThat(encoded.length).isLessThanOrEqualTo(ProtocolLimits.MAX_MESSAGE_BYTES);
        assertThat(encoded.length).isGreaterThan(ProtocolLimits.MAX_MESSAGE_BYTES - 4);
    }

    @Test
    void receivedTextOverTheLimit_isRefusedBeforeParsing() {
        String huge = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(ProtocolLimits.MAX_MESSAGE_BYTES) + "\"}";

        assertThatThrownBy(() -> MessageCodec.decode(huge)).isInstanceOf(MessageTooLargeException.class);
    }

    @Test
    void deeplyNestedJunk_isADecodingErrorNotACrash() {
        String nested = "{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> MessageCodec.decode(nested)).isInstanceOf(ProtocolException.class);
    }
}
