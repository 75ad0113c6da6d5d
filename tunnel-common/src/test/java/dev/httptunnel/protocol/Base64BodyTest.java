package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64BodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"QQ==", "QUI=", "QUJD", "QQ", "QUI", "QUJDRA==", "+/+/", "AAAA"})
    void acceptsWhatTheStandardDecoderAccepts(String body) {
        assertThat(Base64Body.requireValid(body)).isEqualTo(body);
        assertThat(Base64.getDecoder().decode(body)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q", "QUJDR", "Q===", "QQ=", "QUI==", "QQ==QQ==", "QU-D", "QU_D", "QU D", "QUJD\n",
            "=", "==", "QQ=A", "\u00e9AAA"})
    void refusesWhatTheStandardDecoderRefuses(String body) {
        assertThatThrownBy(() -> Base64.getDecoder().decode(body)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base64Body.requireValid(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("body must be standard base64: ");
    }

    @Test
    void agreesWithTheStandardDecoder_onEveryEncodingAndItsTruncations() {
        Random random = new Random(7);
        for (int size = 0; size < 64; size++) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            String encoded = Base64.getEncoder().encodeToString(bytes);
            for (int cut = 0; cut <= encoded.length(); cut++) {
                String candidate = encoded.substring(0, cut);
                boolean jdkAccepts = accepts(candidate);
                boolean ours;
                try {
                    Base64Body.requireValid(candidate);
                    ours = true;
                } catch (IllegalArgumentException e) {
                    ours = false;
                }
                assertThat(ours).as("'%s'", candidate).isEqualTo(jdkAccepts);
            }
        }
    }

    private static boolean accepts(String candidate) {
        try {
            Base64.getDecoder().decode(candidate);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
