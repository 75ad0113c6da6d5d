package dev.httptunnel.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSplitterTest {

    private static final int MAX = 32 * 1024;

    @Test
    void smallMessage_isOneFrame() {
        assertThat(FrameSplitter.split("{\"type\":\"pong\"}", MAX)).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void asciiMessageOver32KB_isCutIntoFullFrames() {
        String text = "a".repeat(100_000);

        List<String> frames = FrameSplitter.split(text, MAX);

        assertThat(frames).extracting(String::length).containsExactly(MAX, MAX, MAX, 100_000 - 3 * MAX);
        assertThat(String.join("", frames)).isEqualTo(text);
    }

    @Test
    void multiByteCharacters_areNeverCut_andNoFrameExceedsTheLimitInUtf8() {
        String text = "é€😀x".repeat(10_000);

        List<String> frames = FrameSplitter.split(text, MAX);

        assertThat(frames).hasSizeGreaterThan(1);
        assertThat(frames).allSatisfy(frame -> {
            assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX);
            assertThat(Character.isLowSurrogate(frame.charAt(0))).isFalse();
        });
        assertThat(String.join("", frames)).isEqualTo(text);
    }

    @Test
    void textExactlyAtTheLimit_isOneFrame() {
        assertThat(FrameSplitter.split("b".repeat(MAX), MAX)).hasSize(1);
    }
}
