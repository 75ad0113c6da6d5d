package dev.httptunnel.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final RandomGenerator LOWEST = () -> 0L;
    private static final RandomGenerator HIGHEST = () -> -1L;

    private static List<Long> delays(Backoff backoff, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.next().toMillis());
        }
        return delays;
    }

    @Test
    void ceilingDoubles_untilTheMaximum() {
        Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), HIGHEST);

        assertThat(delays(highest, 6)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void jitter_neverGoesBelowHalfTheCeiling() {
        Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), LOWEST);

        assertThat(delays(lowest, 6)).containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void delays_differBetweenAgents_soTheyDoNotReconnectTogether() {
        List<Long> first = delays(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1)), 5);
        List<Long> second = delays(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(2)), 5);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void reset_startsAgainFromTheBase() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), HIGHEST);
        delays(backoff, 5);

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void manyFailures_stayAtTheMaximum_withoutOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), HIGHEST);

        assertThat(delays(backoff, 200)).last().isEqualTo(30_000L);
    }

    @Test
    void maxBelowBase_isRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), LOWEST))
                .hasMessageContaining("PT1S");
    }
}
