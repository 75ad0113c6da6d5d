package dev.httptunnel.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the agent replaces its connection, given the limit the service announces. */
class RotationAgeTest {

    private static final Duration CONFIGURED = Duration.ofMinutes(115);

    @Test
    void apiGatewaysTwoHours_giveTheSuccessorFiveMinutes() {
        assertThat(ConnectionLoop.rotationAge(CONFIGURED, 7200L)).isEqualTo(Duration.ofMinutes(115));
    }

    @Test
    void aShortenedLimit_isLearnt_andLeftAQuarterEarly() {
        assertThat(ConnectionLoop.rotationAge(CONFIGURED, 20L)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aServiceSayingNothing_orSomethingAbsurd_leavesTheConfiguredAge() {
        assertThat(ConnectionLoop.rotationAge(CONFIGURED, null)).isEqualTo(CONFIGURED);
        assertThat(ConnectionLoop.rotationAge(CONFIGURED, 0L)).isEqualTo(CONFIGURED);
        assertThat(ConnectionLoop.rotationAge(CONFIGURED, Long.MAX_VALUE / 1000)).isEqualTo(CONFIGURED);
    }

    @Test
    void aShorterConfiguredAge_wins() {
        assertThat(ConnectionLoop.rotationAge(Duration.ofSeconds(5), 20L)).isEqualTo(Duration.ofSeconds(5));
    }
}
