package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.protocol.HeaderList;
import org.junit.jupiter.api.Test;

class ForwardedRequestTest {

    private static final TunnelRoute ROUTE = new TunnelRoute("shop", "/x", "/shop");

    private static PublicRequest request(String host, String path, String query, HeaderList headers) {
        return new PublicRequest("GET", host, path, query, headers, "", "203.0.113.9", "$default");
    }

    @Test
    void aCallerWithoutHost_getsNoEmptyXForwardedHost() {
        var sent = ForwardedRequest.build("r1", request("", "/shop/x", "", HeaderList.EMPTY), ROUTE, "", null, null);
        assertThat(sent.headers().first(ForwardedRequest.FORWARDED_HOST)).isEmpty();
        var withHost = ForwardedRequest.build("r1", request("api.example", "/shop/x", "", HeaderList.EMPTY), ROUTE, "",
                null, null);
        assertThat(withHost.headers().all(ForwardedRequest.FORWARDED_HOST)).containsExactly("api.example");
    }

    @Test
    void charactersBeyondAscii_areRefusedClearly_ratherThanCarriedAsOtherBytes() {
        assertThatThrownBy(() -> ForwardedRequest.build("r1", request("h", "/shop/caf\u00e9", "", HeaderList.EMPTY),
                new TunnelRoute("shop", "/caf\u00e9", "/shop"), "", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path").hasMessageContaining("\\u00e9");
        assertThatThrownBy(() -> ForwardedRequest.build("r1", request("h", "/shop/x", "q=\ufffd", HeaderList.EMPTY),
                ROUTE, "", null, null)).hasMessageContaining("query");
        assertThatThrownBy(() -> ForwardedRequest.build("r1",
                request("h", "/shop/x", "", HeaderList.of("X-Name", "caf\u00e9")), ROUTE, "", null, null))
                .hasMessageContaining("X-Name").hasMessageContaining("RFC 8187");
    }
}
