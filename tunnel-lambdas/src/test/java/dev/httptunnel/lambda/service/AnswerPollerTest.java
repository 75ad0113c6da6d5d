package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.adapter.memory.InMemoryPendingRequestStore;
import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The poller reads a store that cannot signal answers (DynamoDB) on its schedule, and a store that can only
 * when woken or at the deadline.
 */
class AnswerPollerTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryPendingRequestStore memory = new InMemoryPendingRequestStore(clock);

    /** Counts reads; signals answers only when {@code signals}, like DynamoDB when not. */
    private static final class ReadCounting implements PendingRequestStore {
        private final PendingRequestStore delegate;
        private final boolean signals;
        private final AtomicInteger reads = new AtomicInteger();

        ReadCounting(PendingRequestStore delegate, boolean signals) {
            this.delegate = delegate;
            this.signals = signals;
        }

        @Override
        public void create(PendingRequest request) {
            delegate.create(request);
        }

        @Override
        public boolean answer(String requestId, String connectionId, String answerJson, Instant now) {
            return delegate.answer(requestId, connectionId, answerJson, now);
        }

        @Override
        public boolean passOn(String requestId, String tunnelId, String answerJson, Instant now) {
            return delegate.passOn(requestId, tunnelId, answerJson, now);
        }

        @Override
        public Optional<PendingRequest> find(String requestId) {
            reads.incrementAndGet();
            return delegate.find(requestId);
        }

        @Override
        public void awaitAnswer(String requestId, long nanoTime) {
            if (signals) {
                delegate.awaitAnswer(requestId, nanoTime);
            } else {
                PendingRequestStore.super.awaitAnswer(requestId, nanoTime);
            }
        }

        @Override
        public boolean signalsAnswers() {
            return signals && delegate.signalsAnswers();
        }
    }

    private void waiting(String requestId) {
        Instant now = clock.instant();
        memory.create(PendingRequest.waiting(requestId, "conn-a", "abc123def456", now, now.plusSeconds(60),
                now.plusSeconds(360)));
    }

    private CompletableFuture<Optional<AnswerPoller.Answer>> awaitInAnotherThread(PendingRequestStore store,
                                                                                  long waitNanos) {
        CompletableFuture<Optional<AnswerPoller.Answer>> answer = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            long sent = System.nanoTime();
            answer.complete(new AnswerPoller(store).await("req-1", PollSchedule.withoutHistory(), sent,
                    sent + waitNanos));
        }, "forwarding");
        waiter.setDaemon(true);
        waiter.start();
        return answer;
    }

    @Test
    void aStoreThatSignalsAnswers_isReadOnceTheAnswerLands() throws Exception {
        ReadCounting store = new ReadCounting(memory, true);
        waiting("req-1");
        CompletableFuture<Optional<AnswerPoller.Answer>> answer = awaitInAnotherThread(store, 10_000 * MILLI);
        Thread.sleep(150);
        assertThat(store.reads).hasValue(0);

        memory.answer("req-1", "conn-a", "{\"status\":200}", clock.instant());

        assertThat(answer.get(10, TimeUnit.SECONDS)).get().extracting(AnswerPoller.Answer::json)
                .isEqualTo("{\"status\":200}");
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void aStoreThatSignalsAnswers_isReadOnceAtTheDeadlineWhenNoneLands() throws Exception {
        ReadCounting store = new ReadCounting(memory, true);
        waiting("req-1");

        assertThat(awaitInAnotherThread(store, 200 * MILLI).get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void aStoreThatCannotSignal_isReadOnTheSchedule() throws Exception {
        ReadCounting store = new ReadCounting(memory, false);
        waiting("req-1");
        CompletableFuture<Optional<AnswerPoller.Answer>> answer = awaitInAnotherThread(store, 10_000 * MILLI);
        Thread.sleep(150);
        // Without history: reads from 1 ms on, a fifth of the time waited apart — a dozen or more by now.
        assertThat(store.reads.get()).isGreaterThan(5);

        memory.answer("req-1", "conn-a", "{\"status\":200}", clock.instant());

        assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
    }
}
