package dev.httptunnel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentile_isTheSmallestValueWithThatShareAtOrBelowIt() {
        Percentiles tens = Percentiles.of(new long[] {100, 30, 70, 10, 90, 50, 20, 80, 40, 60});

        assertThat(tens.at(0.1)).isEqualTo(10);
        assertThat(tens.median()).isEqualTo(50);
        assertThat(tens.at(0.9)).isEqualTo(90);
        assertThat(tens.at(0.99)).isEqualTo(100);
        assertThat(tens.max()).isEqualTo(100);
        assertThat(tens.count()).isEqualTo(10);
    }

    @Test
    void oneValue_isEveryPercentile() {
        Percentiles one = Percentiles.of(List.of(7L));

        assertThat(one.at(0.01)).isEqualTo(7);
        assertThat(one.median()).isEqualTo(7);
        assertThat(one.at(1)).isEqualTo(7);
    }

    @Test
    void noValues_giveNaN_notZero() {
        Percentiles none = Percentiles.of(new long[0]);

        assertThat(none.median()).isNaN();
        assertThat(none.max()).isNaN();
        assertThat(none.count()).isZero();
    }

    @Test
    void theCallersArray_isLeftAsItWas() {
        long[] values = {3, 1, 2};

        Percentiles.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void aFractionOutsideZeroToOne_isRejected() {
        Percentiles some = Percentiles.of(new long[] {1, 2});

        assertThatThrownBy(() -> some.at(50)).hasMessageContaining("(0, 1]: 50.0");
        assertThatThrownBy(() -> some.at(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
