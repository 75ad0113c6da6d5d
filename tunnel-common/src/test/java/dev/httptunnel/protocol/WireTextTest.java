package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WireTextTest {

    @Test
    void controlAndNonAsciiCharacters_areEscaped_soNoLineCanBeForged() {
        assertThat(WireText.quote("ok\nSEVERE: forged\r\t\u0000é'\\"))
                .isEqualTo("'ok\\nSEVERE: forged\\r\\t\\u0000\\u00e9\\'\\\\'");
    }

    @Test
    void longValues_areCut_andTheirLengthSaid() {
        String quoted = WireText.quote("x".repeat(30_000));
        assertThat(quoted).hasSize(WireText.MAX_SHOWN + 2 + " (30000 characters)".length() + 1)
                .endsWith("'… (30000 characters)");
        assertThat(WireText.quote(null)).isEqualTo("null");
    }
}
