package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerTranslatorTest {

    private static final TunnelRoute ROUTE = new TunnelRoute("shop", "/", "", "shop.tunnel.example.com");
    private final AnswerTranslator translator = new AnswerTranslator(Optional.empty());

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 103, 199})
    void anInterimStatus_isA502NamingIt_notAnAnswerThatLeavesTheCallerWaiting(int status) {
        PublicResponse out = translator.translate(TunnelResponse.of("r1", status, HeaderList.EMPTY, new byte[0]),
                "r1", ROUTE, HeaderList.EMPTY);
        assertThat(out.status()).isEqualTo(502);
        assertThat(out.headers().first(ErrorPage.ERROR_HEADER)).contains("agent_error");
        assertThat(new String(Base64.getDecoder().decode(out.body()), StandardCharsets.UTF_8))
                .contains("status " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 304, 418, 599})
    void finalStatuses_passAsTheyAre(int status) {
        PublicResponse out = translator.translate(TunnelResponse.of("r1", status, HeaderList.EMPTY, new byte[0]),
                "r1", ROUTE, HeaderList.EMPTY);
        assertThat(out.status()).isEqualTo(status);
        assertThat(out.headers().first(ErrorPage.ERROR_HEADER)).isEmpty();
    }

    @Test
    void anAppsOwnTunnelErrorHeader_neverReachesTheCaller() {
        PublicResponse out = translator.translate(TunnelResponse.of("r1", 502,
                HeaderList.of("X-Tunnel-Error", "agent_gone"), new byte[0]), "r1", ROUTE, HeaderList.EMPTY);
        assertThat(out.status()).isEqualTo(502);
        assertThat(out.headers().first(ErrorPage.ERROR_HEADER)).isEmpty();
    }

    @Test
    void headersOverTheHttpApiHeaderQuota_areA502NamingTheLimit() {
        String value = "a".repeat(ProtocolLimits.MAX_HEADER_BLOCK_BYTES);
        PublicResponse out = translator.translate(TunnelResponse.of("r1", 200, HeaderList.of("X-Big", value),
                new byte[0]), "r1", ROUTE, HeaderList.EMPTY);
        assertThat(out.status()).isEqualTo(502);
        assertThat(out.headers().first(ErrorPage.ERROR_HEADER)).contains("response_too_large");
        assertThat(new String(Base64.getDecoder().decode(out.body()), StandardCharsets.UTF_8))
                .contains(Integer.toString(ProtocolLimits.MAX_HEADER_BLOCK_BYTES));
    }

    @Test
    void headersUpToTheQuota_pass() {
        // "X-Big: " and CRLF take 9 bytes of the block.
        String value = "a".repeat(ProtocolLimits.MAX_HEADER_BLOCK_BYTES - 9);
        PublicResponse out = translator.translate(TunnelResponse.of("r1", 200, HeaderList.of("X-Big", value),
                new byte[0]), "r1", ROUTE, HeaderList.EMPTY);
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.headers().first("X-Big")).contains(value);
    }
}
