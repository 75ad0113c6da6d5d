package dev.httptunnel.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers fire at their deadline, in deadline order, from one thread; cancelled ones never fire. */
class DeadlineTimerTest {

    private final DeadlineTimer timer = new DeadlineTimer("test-timeouts");

    @AfterEach
    void close() {
        timer.close();
    }

    @Test
    void aTimer_firesAtItsDeadline_onTheTimersThread() throws Exception {
        CompletableFuture<String> fired = new CompletableFuture<>();
        long start = System.nanoTime();

        timer.start(Duration.ofMillis(150), () -> fired.complete(Thread.currentThread().getName()));

        assertThat(fired.get(10, TimeUnit.SECONDS)).isEqualTo("test-timeouts");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void aTimerDueBeforeTheThreadsNextWakeUp_wakesIt() throws Exception {
        try (DeadlineTimer sleepy = new DeadlineTimer("sleepy-timeouts", Duration.ofMinutes(1))) {
            // The thread has gone to sleep for a minute with nothing to do.
            Thread.sleep(100);
            CompletableFuture<Long> fired = new CompletableFuture<>();
            long start = System.nanoTime();

            sleepy.start(Duration.ofMillis(20), () -> fired.complete(System.nanoTime()));

            long tookMillis = TimeUnit.NANOSECONDS.toMillis(fired.get(30, TimeUnit.SECONDS) - start);
            assertThat(tookMillis).isGreaterThanOrEqualTo(20).isLessThan(30_000);
        }
    }

    @Test
    void aCancelledTimer_neverFires() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        DeadlineTimer.Timer cancelled = timer.start(Duration.ofMillis(50), fired::incrementAndGet);
        CountDownLatch later = new CountDownLatch(1);
        timer.start(Duration.ofMillis(200), later::countDown);

        assertThat(cancelled.cancel()).isTrue();

        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).hasValue(0);
    }

    @Test
    void cancellingAFiredTimer_saysSo() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        DeadlineTimer.Timer started = timer.start(Duration.ofMillis(10), fired::countDown);
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(started.cancel()).isFalse();
    }

    @Test
    void timers_fireInDeadlineOrder_whateverTheOrderTheyStartedIn() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        timer.start(Duration.ofMillis(300), () -> { order.add(300); all.countDown(); });
        timer.start(Duration.ofMillis(100), () -> { order.add(100); all.countDown(); });
        timer.start(Duration.ofMillis(200), () -> { order.add(200); all.countDown(); });

        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly(100, 200, 300);
    }

    @Test
    void aFailingAction_doesNotStopTheTimer() throws Exception {
        timer.start(Duration.ofMillis(10), () -> {
            throw new IllegalStateException("boom");
        });
        CountDownLatch next = new CountDownLatch(1);
        timer.start(Duration.ofMillis(50), next::countDown);

        assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyTimersFromManyThreads_eachFireOnceOrAreCancelled() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        int threads = 8;
        int perThread = 500;
        AtomicInteger cancelledInTime = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread starter = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    DeadlineTimer.Timer one = timer.start(Duration.ofMillis(i % 20), fired::incrementAndGet);
                    if (i % 2 == 0 && one.cancel()) {
                        cancelledInTime.incrementAndGet();
                    }
                }
                started.countDown();
            });
            starter.start();
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fired.get() + cancelledInTime.get() < threads * perThread && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        assertThat(fired.get() + cancelledInTime.get()).isEqualTo(threads * perThread);
    }
}
