package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    @Test
    void connectionHeadersAndProxyHeaders_areDropped_endToEndHeadersKeptInOrder() {
        HeaderList headers = HeaderList.of(
                "Connection", "keep-alive", "Keep-Alive", "timeout=5", "Transfer-Encoding", "chunked",
                "Upgrade", "h2c", "TE", "trailers", "Proxy-Authorization", "Basic eA==", "Proxy-Connection", "close",
                "Set-Cookie", "a=1", "Accept", "*/*", "Set-Cookie", "b=2");

        assertThat(HopByHopHeaders.strip(headers, Set.of()).entries()).containsExactly(
                new HeaderField("Set-Cookie", "a=1"), new HeaderField("Accept", "*/*"), new HeaderField("Set-Cookie", "b=2"));
    }

    @Test
    void headersNamedInConnection_areDroppedToo_whateverTheirCase() {
        HeaderList headers = HeaderList.of("Connection", "X-Hop, x-other", "X-Hop", "1", "X-OTHER", "2", "X-End", "3");

        assertThat(HopByHopHeaders.strip(headers, Set.of()).entries()).containsExactly(new HeaderField("X-End", "3"));
    }

    @Test
    void extraNames_areDropped() {
        HeaderList headers = HeaderList.of("Host", "a", "Content-Length", "3", "X-Keep", "k");

        assertThat(HopByHopHeaders.strip(headers, Set.of("host", "content-length")).entries())
                .containsExactly(new HeaderField("X-Keep", "k"));
    }
}
