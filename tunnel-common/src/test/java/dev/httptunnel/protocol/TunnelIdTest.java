package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TunnelIdTest {

    @Test
    void randomIds_areTwelveLowercaseAlphanumerics_andDiffer() {
        SecureRandom random = new SecureRandom();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = TunnelId.random(random);
            assertThat(id).matches("[a-z0-9]{12}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void validation_rejectsWrongLengthCaseAndCharacters() {
        assertThat(TunnelId.isValid("abc123def456")).isTrue();
        assertThat(TunnelId.isValid("abc123def45")).isFalse();
        assertThat(TunnelId.isValid("abc123def4567")).isFalse();
        assertThat(TunnelId.isValid("ABC123DEF456")).isFalse();
        assertThat(TunnelId.isValid("abc-23def456")).isFalse();
        assertThat(TunnelId.isValid(null)).isFalse();
    }
}
