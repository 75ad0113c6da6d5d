package dev.httptunnel.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BodyTeeTest {

    @Test
    void keepsTheFirstCapBytes_countsTheRest_andLeavesTheBuffersUnread() {
        BodyTee tee = new BodyTee(5);
        ByteBuffer first = ByteBuffer.wrap("abc".getBytes());
        ByteBuffer second = ByteBuffer.wrap("defgh".getBytes());
        tee.accept(first);
        tee.accept(second);
        tee.accept(ByteBuffer.wrap("ijk".getBytes()));

        CapturedBody body = tee.body(0);
        assertThat(new String(body.bytes())).isEqualTo("abcde");
        assertThat(body.size()).isEqualTo(11);
        assertThat(body.truncated()).isTrue();
        assertThat(body.cutMark()).isEqualTo("cut at 5 of 11 bytes");
        assertThat(first.remaining()).as("the relay's buffer is not consumed").isEqualTo(3);
        assertThat(second.remaining()).isEqualTo(5);
    }

    @Test
    void aBodyUnderTheCap_isWhole_andTheRelaysSizeWins() {
        BodyTee tee = new BodyTee(100);
        tee.accept(ByteBuffer.wrap("whole".getBytes()));
        assertThat(tee.body(5).truncated()).isFalse();
        assertThat(tee.body(9).size()).as("a body read only in part by the app").isEqualTo(9);
    }

    @Test
    void aZeroCap_keepsNothing() {
        BodyTee tee = new BodyTee(0);
        tee.accept(ByteBuffer.wrap("anything".getBytes()));
        assertThat(tee.body(8).bytes()).isEmpty();
        assertThat(tee.keptBytes()).isZero();
    }
}
