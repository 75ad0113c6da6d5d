package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final StageThrottle throttle = new StageThrottle(new GatewaySettings.Throttle(100, 200), now::get);

    @Test
    void aFullBucket_admitsTheBurst_thenRefusesAtOnce() {
        for (int i = 0; i < 200; i++) {
            assertThat(throttle.tryAcquire()).as("request %d", i).isTrue();
        }
        assertThat(throttle.tryAcquire()).isFalse();
    }

    @Test
    void anEmptyBucket_refillsAtTheSteadyRate_andNeverBeyondTheBurst() {
        while (throttle.tryAcquire()) {
            // empties the bucket
        }
        now.addAndGet(50_000_000L); // 50 ms at 100/s: five tokens
        int admitted = 0;
        while (throttle.tryAcquire()) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(5);

        now.addAndGet(3_600_000_000_000L);
        admitted = 0;
        while (throttle.tryAcquire()) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(200);
    }
}
