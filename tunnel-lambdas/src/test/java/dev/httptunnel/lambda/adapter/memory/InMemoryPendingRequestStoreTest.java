package dev.httptunnel.lambda.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.port.PendingRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory store wakes the forwarding handler's wait when the answer lands, and only then. */
class InMemoryPendingRequestStoreTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryPendingRequestStore store = new InMemoryPendingRequestStore(clock);
    private final Instant now = clock.instant();

    private void waiting(String requestId) {
        store.create(PendingRequest.waiting(requestId, "conn-a", "abc123def456", now, now.plusSeconds(3600),
                now.plusSeconds(3900)));
    }

    private CompletableFuture<Void> waitInAnotherThread(String requestId, long nanos) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            store.awaitAnswer(requestId, System.nanoTime() + nanos);
            woken.complete(null);
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();
        return woken;
    }

    @Test
    void aWaitForAnHour_endsWhenTheAnswerIsRecorded() throws Exception {
        waiting("req-1");
        CompletableFuture<Void> woken = waitInAnotherThread("req-1", AN_HOUR);
        Thread.sleep(50);
        assertThat(woken).isNotDone();

        assertThat(store.answer("req-1", "conn-a", "{}", clock.instant())).isTrue();

        woken.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerRecordedBeforeTheWait_endsItAtOnce() throws Exception {
        waiting("req-1");
        store.answer("req-1", "conn-a", "{}", clock.instant());

        waitInAnotherThread("req-1", AN_HOUR).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedAnswer_doesNotEndTheWait() throws Exception {
        waiting("req-1");
        CompletableFuture<Void> woken = waitInAnotherThread("req-1", AN_HOUR);

        assertThat(store.answer("req-1", "conn-intruder", "{}", clock.instant())).isFalse();
        Thread.sleep(100);

        assertThat(woken).isNotDone();
        store.answer("req-1", "conn-a", "{}", clock.instant());
        woken.get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutAnAnswer_theWaitLastsUntilItsTime() {
        waiting("req-1");
        long start = System.nanoTime();

        store.awaitAnswer("req-1", start + TimeUnit.MILLISECONDS.toNanos(80));

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(80));
    }

    @Test
    void anInterrupt_endsTheWait() throws Exception {
        waiting("req-1");
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            store.awaitAnswer("req-1", System.nanoTime() + AN_HOUR);
            interrupted.complete(Thread.currentThread().isInterrupted());
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();

        waiter.interrupt();

        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aForgottenRequest_isGone_andRefusesItsAnswer() {
        waiting("req-1");

        store.forget("req-1");

        assertThat(store.find("req-1")).isEmpty();
        assertThat(store.answer("req-1", "conn-a", "{}", clock.instant())).isFalse();
        assertThat(store.size()).isZero();
    }
}
