package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.HeaderList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerHeadersTest {

    private static final TunnelRoute SUBDOMAIN =
            new TunnelRoute("shop", "/", "", "shop.tunnel.example.com");
    private static final TunnelRoute PATH = new TunnelRoute("shop", "/", "/shop");

    @ParameterizedTest
    @ValueSource(strings = {"Domain=tunnel.example.com", "domain=.tunnel.example.com", "Domain=example.com",
            "DOMAIN = TUNNEL.EXAMPLE.COM", "Domain=other.tunnel.example.com"})
    void aCookieForTheSharedDomain_becomesHostOnly_soSiblingTunnelsNeverReceiveIt(String domain) {
        HeaderList out = AnswerHeaders.forCaller(
                HeaderList.of("Set-Cookie", "sid=1; " + domain + "; Path=/; HttpOnly"), SUBDOMAIN);
        assertThat(out.all("Set-Cookie")).containsExactly("sid=1; Path=/; HttpOnly");
    }

    @Test
    void aCookieForTheTunnelsOwnHost_keepsItsDomain() {
        HeaderList out = AnswerHeaders.forCaller(
                HeaderList.of("Set-Cookie", "sid=1; Domain=Shop.Tunnel.Example.com; Secure"), SUBDOMAIN);
        assertThat(out.all("Set-Cookie")).containsExactly("sid=1; Domain=Shop.Tunnel.Example.com; Secure");
    }

    @Test
    void inPathMode_everyDomainGoes_becauseTheHostIsEveryTunnels() {
        HeaderList out = AnswerHeaders.forCaller(HeaderList.of(
                "Set-Cookie", "a=1; Domain=abc.execute-api.us-east-1.amazonaws.com; Path=/x",
                "Set-Cookie", "b=2; Domain=x; Domain=y"), PATH);
        assertThat(out.all("Set-Cookie")).containsExactly("a=1; Path=/shop/x", "b=2");
    }

    @Test
    void cookiesWithoutDomain_andOtherHeaders_areUntouched() {
        HeaderList in = HeaderList.of("Set-Cookie", "a=1", "Set-Cookie", "b=2; Path=/", "Content-Type", "text/html",
                "X-Domain", "Domain=tunnel.example.com");
        assertThat(AnswerHeaders.forCaller(in, SUBDOMAIN)).isEqualTo(in);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Tunnel-Error", "x-tunnel-error", "X-TUNNEL-ERROR", "X-Tunnel-Request-Id"})
    void headersInTheServicesNamespace_areRemoved_soNoAnswerPassesForATunnelFailure(String name) {
        HeaderList out = AnswerHeaders.forCaller(HeaderList.of(name, "agent_gone", "Content-Type", "text/plain"),
                SUBDOMAIN);
        assertThat(out.entries()).extracting(h -> h.name()).containsExactly("Content-Type");
    }

    @Test
    void hopByHopHeaders_areRemoved() {
        HeaderList out = AnswerHeaders.forCaller(HeaderList.of("Connection", "close", "Transfer-Encoding", "chunked",
                "Keep-Alive", "timeout=5", "Upgrade", "h2c", "ETag", "\"1\""), SUBDOMAIN);
        assertThat(out.entries()).extracting(h -> h.name()).containsExactly("ETag");
    }
}
