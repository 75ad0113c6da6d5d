package dev.httptunnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"shop", "a", "abc123def456", "alice-shop", "0", "a-b-c"})
    void dnsLabels_areNames(String name) {
        assertThat(TunnelName.isValid(name)).isTrue();
        assertThat(TunnelName.require(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-shop", "shop-", "Shop", "sh_op", "sh.op", "xn--caf-dma", "café", "shop\r\n",
            "' OR 1=1 --", "{\"a\":1}", "shop/x"})
    void anythingElse_isRefused_statingTheRules(String name) {
        assertThat(TunnelName.isValid(name)).isFalse();
        assertThatThrownBy(() -> TunnelName.require(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 63 characters a-z, 0-9 and '-'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n"));
    }

    @Test
    void lengthStopsAtSixtyThree() {
        assertThat(TunnelName.isValid("a".repeat(63))).isTrue();
        assertThat(TunnelName.isValid("a".repeat(64))).isFalse();
        assertThat(TunnelName.isValid(null)).isFalse();
        assertThatThrownBy(() -> TunnelName.require("a".repeat(10_000))).hasMessageContaining("(10000 characters)");
    }

    @Test
    void patterns_grantAnExactNameOrAPrefix() {
        assertThat(NamePattern.of("shop").matches("shop")).isTrue();
        assertThat(NamePattern.of("shop").matches("shop2")).isFalse();
        assertThat(NamePattern.of("alice-*").matches("alice-shop")).isTrue();
        assertThat(NamePattern.of("alice-*").matches("alice-")).isFalse();
        assertThat(NamePattern.of("alice-*").matches("alice")).isFalse();
        assertThat(NamePattern.of("alice-*").matches("bob-shop")).isFalse();
        assertThat(NamePattern.of("alice-*").isExact()).isFalse();
        assertThat(NamePattern.of("shop").isExact()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "-*", "a*b", "Alice-*", "xn--*", "**", "a b*"})
    void malformedPatterns_areRefused(String pattern) {
        assertThatThrownBy(() -> NamePattern.of(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'alice-*'");
    }
}
