package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.protocol.HeaderList;
import org.junit.jupiter.api.Test;

class HostHeaderPolicyTest {

    private static final HeaderList PUBLIC = HeaderList.of("Host", "abc.tunnel.example");

    @Test
    void rewrite_sendsTheLocalHostAndPort() {
        assertThat(HostHeaderPolicy.parse("rewrite").hostFor(PUBLIC, "127.0.0.1", 3000)).isEqualTo("127.0.0.1:3000");
    }

    @Test
    void rewrite_bracketsAnIpv6Host() {
        assertThat(HostHeaderPolicy.REWRITE.hostFor(PUBLIC, "::1", 3000)).isEqualTo("[::1]:3000");
    }

    @Test
    void preserve_sendsThePublicHost() {
        assertThat(HostHeaderPolicy.parse("PRESERVE").hostFor(PUBLIC, "127.0.0.1", 3000))
                .isEqualTo("abc.tunnel.example");
    }

    @Test
    void preserve_fallsBackToTheLocalAddress_whenTheRequestHasNoHost() {
        assertThat(HostHeaderPolicy.PRESERVE.hostFor(HeaderList.EMPTY, "localhost", 8000)).isEqualTo("localhost:8000");
    }

    @Test
    void anyOtherValue_isSentAsIs() {
        HostHeaderPolicy fixed = HostHeaderPolicy.parse("myapp.test");

        assertThat(fixed.hostFor(PUBLIC, "127.0.0.1", 3000)).isEqualTo("myapp.test");
        assertThat(fixed).hasToString("myapp.test");
    }

    @Test
    void valuesWithSpacesOrControlCharacters_areRefused() {
        assertThatThrownBy(() -> HostHeaderPolicy.parse("bad host")).hasMessageContaining("'bad host'");
        assertThatThrownBy(() -> HostHeaderPolicy.parse(" ")).hasMessageContaining("preserve");
    }
}
