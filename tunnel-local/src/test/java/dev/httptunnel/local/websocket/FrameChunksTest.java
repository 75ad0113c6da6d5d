package dev.httptunnel.local.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameChunksTest {

    @Test
    void messageWithinTheQuota_staysOneFrame() {
        assertThat(FrameChunks.split("x".repeat(32_768), 32_768)).hasSize(1);
    }

    @Test
    void asciiMessage_isCutIntoFramesOfExactlyTheQuota_plusTheRest() {
        List<String> chunks = FrameChunks.split("x".repeat(70_000), 32_768);

        assertThat(chunks).extracting(String::length).containsExactly(32_768, 32_768, 4_464);
    }

    @Test
    void multiByteCharacters_areNeverSplit_andNoFrameExceedsTheQuotaInUtf8() {
        // 'é' is 2 bytes, '€' 3, the emoji a surrogate pair of 4: boundaries fall inside them if cut naively.
        String text = ("aé€\uD83D\uDE00").repeat(5_000);

        List<String> chunks = FrameChunks.split(text, 1_001);

        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_001);
            assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
        });
    }

    @Test
    void emptyMessage_isOneEmptyFrame() {
        assertThat(FrameChunks.split("", 32_768)).containsExactly("");
    }
}
