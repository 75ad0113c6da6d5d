package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void aFailureWithoutMessage_isNamedByItsKind_neverAsNull() {
        assertThat(FailureCause.describe(new CompletionException(new ClosedChannelException())))
                .isEqualTo("ClosedChannelException");
        assertThat(FailureCause.describe(new IOException(null, new IOException("reset by peer"))))
                .isEqualTo("IOException: reset by peer");
        assertThat(FailureCause.describe(new IllegalStateException("closed"))).isEqualTo("IllegalStateException: closed");
    }
}
