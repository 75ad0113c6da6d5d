package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void anEmptyMessage_isOneEmptyFrame() {
        assertThat(Frames.split("", ProtocolLimits.MAX_FRAME_BYTES)).containsExactly("");
    }

    @Test
    void aShortMessage_isOneFrame() {
        assertThat(Frames.split("{\"type\":\"ping\"}", ProtocolLimits.MAX_FRAME_BYTES))
                .containsExactly("{\"type\":\"ping\"}");
    }

    @Test
    void aLongMessage_isCutIntoFramesOfAtMostTheLimit_thatJoinBackExactly() {
        String text = "a".repeat(100_000);

        List<String> frames = Frames.split(text, ProtocolLimits.MAX_FRAME_BYTES);

        assertThat(frames).extracting(String::length).containsExactly(32_768, 32_768, 32_768, 100_000 - 3 * 32_768);
        assertThat(frames).allSatisfy(f -> assertThat(f.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ProtocolLimits.MAX_FRAME_BYTES));
        assertThat(String.join("", frames)).isEqualTo(text);
    }

    @Test
    void multiByteCharacters_areNeverCut() {
        String text = "é€😀".repeat(10_000);

        List<String> frames = Frames.split(text, 1000);

        assertThat(frames).allSatisfy(f -> {
            byte[] utf8 = f.getBytes(StandardCharsets.UTF_8);
            assertThat(utf8.length).isLessThanOrEqualTo(1000);
            assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(f);
            assertThat(Character.isLowSurrogate(f.charAt(0))).isFalse();
        });
        assertThat(String.join("", frames)).isEqualTo(text);
    }

    @Test
    void textExactlyAtTheLimit_isOneFrame() {
        assertThat(Frames.split("b".repeat(ProtocolLimits.MAX_FRAME_BYTES), ProtocolLimits.MAX_FRAME_BYTES)).hasSize(1);
    }

    @Test
    void aLimitThatCannotHoldACharacter_isRefused() {
        assertThatThrownBy(() -> Frames.split("x", 3)).hasMessageContaining("at least one character");
    }
}
