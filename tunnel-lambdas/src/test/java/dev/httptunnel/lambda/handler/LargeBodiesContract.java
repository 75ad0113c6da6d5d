package dev.httptunnel.lambda.handler;

import static dev.httptunnel.lambda.handler.TunnelCycleContract.decode;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies of every size up to the platform limit cross both ways, the large ones through the body store;
 * one byte more gets a 413 (request) or a 502 (response) that names the size and the limit.
 */
abstract class LargeBodiesContract {

    static final int MAX = ProtocolLimits.MAX_BODY_BYTES;

    protected abstract TunnelHarness harness(Duration responseDeadline);

    protected final TunnelHarness tunnel = harness(Duration.ofSeconds(20));

    /** An agent that checksums the request body and answers with {@code X-Response-Size} random bytes. */
    private String connectAgentAnsweringWithSizedBodies() {
        String tunnelId = tunnel.connectAgent("conn-big=");
        tunnel.agents.respondWith("conn-big=", request -> Optional.of(answer(request)));
        return tunnelId;
    }

    private String answer(TunnelRequest request) {
        byte[] received = request.bodyUrl() == null ? request.bodyBytes()
                : tunnel.bodyTransfers.download(request.bodyUrl());
        int size = Integer.parseInt(request.headers().first("x-response-size").orElse("0"));
        byte[] body = randomBytes(size, size);
        HeaderList headers = HeaderList.of("X-Request-Sha256", sha256(received),
                "X-Request-Size", Integer.toString(received.length));
        try {
            return MessageCodec.encode(TunnelResponse.of(request.requestId(), 200, headers, body));
        } catch (MessageTooLargeException tooLargeForOneMessage) {
            tunnel.bodyTransfers.upload(request.responseBodyUploadUrl(), body);
            return MessageCodec.encode(TunnelResponse.uploaded(request.requestId(), 200, headers));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {24 * 1024, 32 * 1024, 96 * 1024, 128 * 1024, 300 * 1024, 400 * 1024, 1024 * 1024, MAX})
    void requestBodies_upToTheLimit_reachTheAgentByteExact(int size) {
        String tunnelId = connectAgentAnsweringWithSizedBodies();
        byte[] body = randomBytes(size, 31L * size);

        APIGatewayV2HTTPResponse response = tunnel.forward(upload(tunnelId, body, 0));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("X-Request-Size", Integer.toString(size))
                .containsEntry("X-Request-Sha256", sha256(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {24 * 1024, 32 * 1024, 96 * 1024, 128 * 1024, 300 * 1024, 400 * 1024, 1024 * 1024, MAX})
    void responseBodies_upToTheLimit_reachTheCallerByteExact(int size) {
        String tunnelId = connectAgentAnsweringWithSizedBodies();

        APIGatewayV2HTTPResponse response = tunnel.forward(upload(tunnelId, new byte[0], size));

        assertThat(response.getStatusCode()).isEqualTo(200);
        byte[] received = decode(response);
        assertThat(received.length).isEqualTo(size);
        assertThat(sha256(received)).isEqualTo(sha256(randomBytes(size, size)));
    }

    @ParameterizedTest
    @ValueSource(ints = {MAX + 1})
    void aRequestBodyOverTheLimit_gets413NamingSizeAndLimit(int size) {
        String tunnelId = connectAgentAnsweringWithSizedBodies();

        APIGatewayV2HTTPResponse response = tunnel.forward(upload(tunnelId, new byte[size], 0));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(new String(decode(response), StandardCharsets.UTF_8))
                .contains(Integer.toString(size)).contains(Integer.toString(MAX));
        assertThat(tunnel.agents.sentTo("conn-big=", TunnelRequest.class)).isEmpty();
    }

    /** A small body is checked inside its message, a large one while decoded for the store: both refused. */
    @ParameterizedTest
    @ValueSource(ints = {100, 200_000})
    void aBodyThatIsNotBase64_gets400_whetherItFitsAMessageOrNot(int length) {
        String tunnelId = connectAgentAnsweringWithSizedBodies();
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "POST", "/upload", "");
        event.setBody("QUJD".repeat(length / 4 - 1) + "!QUJ");
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "bad_request");
        assertThat(new String(decode(response), StandardCharsets.UTF_8)).contains("base64");
        assertThat(tunnel.agents.sentTo("conn-big=", TunnelRequest.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {MAX + 1})
    void aResponseBodyOverTheLimit_gets502NamingSizeAndLimit(int size) {
        String tunnelId = connectAgentAnsweringWithSizedBodies();

        APIGatewayV2HTTPResponse response = tunnel.forward(upload(tunnelId, new byte[0], size));

        assertThat(response.getStatusCode()).isEqualTo(502);
        assertThat(response.getHeaders()).containsEntry("X-Tunnel-Error", "response_too_large");
        assertThat(new String(decode(response), StandardCharsets.UTF_8))
                .contains(Integer.toString(size)).contains(Integer.toString(MAX));
    }

    private APIGatewayV2HTTPEvent upload(String tunnelId, byte[] body, int responseSize) {
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "POST", "/upload", "");
        event.getHeaders().put("x-response-size", Integer.toString(responseSize));
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
