package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final long MS = 1_000_000;

    private static List<Long> readsUntil(PollSchedule schedule, long untilMillis) {
        List<Long> reads = new ArrayList<>();
        long at = 0;
        while (true) {
            at = schedule.nextReadAfter(at);
            if (at > untilMillis * MS) {
                return reads;
            }
            reads.add(at / MS);
        }
    }

    @Test
    void withoutHistory_readsEarlyAndOften_thenBacksOff() {
        List<Long> reads = readsUntil(PollSchedule.withoutHistory(), 30);

        assertThat(reads.get(0)).isEqualTo(1);
        assertThat(reads).hasSizeBetween(12, 18);
    }

    @Test
    void intervals_neverExceedTheCap_soALateAnswerIsNoticedWithin100ms() {
        PollSchedule schedule = PollSchedule.withoutHistory();

        long at = 10_000 * MS;
        long next = schedule.nextReadAfter(at);

        assertThat(next - at).isEqualTo(100 * MS);
    }

    @Test
    void withAKnownLatency_theFirstReadComesThen_andTheNextOnesATenthApart() {
        List<Long> reads = readsUntil(PollSchedule.expecting(Duration.ofMillis(100)), 125);

        assertThat(reads).containsExactly(100L, 110L, 121L);
    }

    @Test
    void aNoticeDelayIsBoundedByAFifthOfTheWait() {
        PollSchedule schedule = PollSchedule.withoutHistory();
        for (long waited = 10; waited < 400; waited += 7) {
            long next = schedule.nextReadAfter(waited * MS);
            assertThat(next - waited * MS).isLessThanOrEqualTo(Math.max(MS, waited * MS / 5));
        }
    }

    @Test
    void aTunnelAnsweringWithinAMillisecond_isReadAQuarterOfItsTypicalTimeApart_notAMillisecond() {
        PollSchedule schedule = PollSchedule.expecting(Duration.ofNanos(800_000));

        long first = schedule.nextReadAfter(0);
        long second = schedule.nextReadAfter(first);

        assertThat(first).isEqualTo(800_000);
        assertThat(second - first).isEqualTo(200_000);
    }

    @Test
    void theShortestInterval_staysBetweenATenthOfAMillisecondAndAMillisecond() {
        PollSchedule instant = PollSchedule.expecting(Duration.ZERO);
        PollSchedule slow = PollSchedule.expecting(Duration.ofMillis(100));

        assertThat(instant.nextReadAfter(0)).isEqualTo(100_000);
        assertThat(instant.nextReadAfter(100_000) - 100_000).isEqualTo(100_000);
        assertThat(slow.nextReadAfter(100 * MS) - 100 * MS).isEqualTo(10 * MS);
        assertThat(PollSchedule.expecting(Duration.ofMillis(6)).nextReadAfter(6 * MS) - 6 * MS).isEqualTo(MS);
    }
}
