package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalTargetTest {

    @Test
    void rawPathAndQuery_areKeptByteForByte() {
        assertThat(LocalTarget.uri("127.0.0.1", 3000, "/a%20b/c;v=1", "x=1&x=2&y=%2F").toString())
                .isEqualTo("http://127.0.0.1:3000/a%20b/c;v=1?x=1&x=2&y=%2F");
    }

    @Test
    void charactersAUriCannotCarry_arePercentEncoded_andOnlyThose() {
        assertThat(LocalTarget.uri("127.0.0.1", 3000, "/a|b/{c}/100%", "q=\"x\"&r=é").toString())
                .isEqualTo("http://127.0.0.1:3000/a%7Cb/%7Bc%7D/100%25?q=%22x%22&r=%C3%A9");
    }

    @Test
    void questionMarkInTheQuery_isKept() {
        assertThat(LocalTarget.uri("localhost", 80, "/", "next=/a?b").getRawQuery()).isEqualTo("next=/a?b");
    }

    @Test
    void ipv6Host_isBracketed() {
        assertThat(LocalTarget.uri("::1", 8080, "/", "").toString()).isEqualTo("http://[::1]:8080/");
    }
}
