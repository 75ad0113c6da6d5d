package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.identity.TunnelName;
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
            assertThat(TunnelName.isValid(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
