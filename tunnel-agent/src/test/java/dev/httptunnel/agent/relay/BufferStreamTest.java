package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferStreamTest {

    /** Reads one buffer at a time, asking for the next only once it has the previous one, as a socket writer. */
    private static class Reader implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        final AtomicInteger buffers = new AtomicInteger();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            buffers.incrementAndGet();
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(bytes.toByteArray());
        }
    }

    @Test
    void passesEveryBufferOn_inOrder_oneAtATime_thenTheEnd() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        Reader reader = new Reader();
        try (SubmissionPublisher<List<ByteBuffer>> source = new SubmissionPublisher<>()) {
            new BufferStream(source).subscribe(reader);
            int sent = 0;
            while (sent < body.length) {
                List<ByteBuffer> list = new ArrayList<>();
                for (int i = 0; i < 3 && sent < body.length; i++) {
                    int length = Math.min(16_384, body.length - sent);
                    list.add(ByteBuffer.wrap(body, sent, length));
                    sent += length;
                }
                list.add(ByteBuffer.allocate(0));
                source.submit(list);
            }
        }

        assertThat(reader.done.get(5, TimeUnit.SECONDS)).isEqualTo(body);
        assertThat(reader.buffers.get()).isEqualTo((body.length + 16_383) / 16_384);
    }

    @Test
    void asksTheSourceForNothing_untilTheReaderWantsSomething() throws Exception {
        List<Long> requested = new ArrayList<>();
        Flow.Publisher<List<ByteBuffer>> source = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.add(n);
            }

            @Override
            public void cancel() {
            }
        });
        List<Flow.Subscription> readerSide = new ArrayList<>();
        new BufferStream(source).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                readerSide.add(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });

        assertThat(requested).isEmpty();
        readerSide.get(0).request(10);
        assertThat(requested).containsExactly(1L);
    }

    @Test
    void aFailureOfTheSource_reachesTheReaderAfterWhatCameBefore() throws Exception {
        // A source that sends one list when asked, then fails, as a connection closed early does.
        Flow.Publisher<List<ByteBuffer>> source = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int asked;

            @Override
            public void request(long n) {
                if (asked++ == 0) {
                    subscriber.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3})));
                } else {
                    subscriber.onError(new IOException("connection closed early"));
                }
            }

            @Override
            public void cancel() {
            }
        });
        Reader reader = new Reader();

        new BufferStream(source).subscribe(reader);

        assertThat(reader.done).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .withRootCauseInstanceOf(IOException.class).withMessageContaining("connection closed early");
        assertThat(reader.bytes.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void cancelling_cancelsTheSource() throws Exception {
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        Flow.Publisher<List<ByteBuffer>> source = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.complete(null);
            }
        });
        Reader reader = new Reader();
        new BufferStream(source).subscribe(reader);

        reader.subscription.cancel();

        assertThat(cancelled).isDone();
    }

    /** A source that records what it was asked, and sends nothing by itself. */
    private static final class QuietSource implements Flow.Publisher<List<ByteBuffer>> {
        final List<Long> requested = new ArrayList<>();
        final CompletableFuture<Void> cancelled = new CompletableFuture<>();
        Flow.Subscriber<? super List<ByteBuffer>> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
            this.subscriber = subscriber;
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested.add(n);
                }

                @Override
                public void cancel() {
                    cancelled.complete(null);
                }
            });
        }
    }

    @Test
    void discard_cancelsTheSource_whetherOrNotAReaderHasIt() {
        QuietSource unread = new QuietSource();
        new BufferStream(unread).discard();
        QuietSource read = new QuietSource();
        BufferStream stream = new BufferStream(read);
        stream.subscribe(new Reader());

        stream.discard();

        assertThat(unread.cancelled).isDone();
        assertThat(read.cancelled).isDone();
    }

    @Test
    void waitingForSource_tellsWhichSideIsSlow_evenAfterACancel() {
        QuietSource source = new QuietSource();
        BufferStream stream = new BufferStream(source);
        Reader reader = new Reader();
        stream.subscribe(reader);
        assertThat(stream.waitingForSource()).as("the reader asked, nothing came").isTrue();

        source.subscriber.onNext(List.of(ByteBuffer.wrap(new byte[] {1})));
        reader.subscription.cancel();

        assertThat(stream.waitingForSource()).as("when cancelled, still waiting (the reader asked again)").isTrue();
    }

    @Test
    void aNonPositiveRequest_failsTheReader_andCancelsTheSource() {
        QuietSource source = new QuietSource();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        new BufferStream(source).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(0);
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
                failed.complete(throwable);
            }

            @Override
            public void onComplete() {
            }
        });

        assertThat(failed).isCompletedWithValueMatching(IllegalArgumentException.class::isInstance);
        assertThat(source.cancelled).isDone();
    }

    @Test
    void aReaderThatThrows_endsTheStream_andCancelsTheSource() {
        QuietSource source = new QuietSource();
        new BufferStream(source).subscribe(new Reader() {
            @Override
            public void onNext(ByteBuffer item) {
                throw new IllegalStateException("reader broke");
            }
        });

        source.subscriber.onNext(List.of(ByteBuffer.wrap(new byte[] {1})));
        source.subscriber.onNext(List.of(ByteBuffer.wrap(new byte[] {2})));

        assertThat(source.cancelled).isDone();
        assertThat(source.requested).containsExactly(1L);
    }

    @Test
    void aSecondReader_isRefused() throws Exception {
        try (SubmissionPublisher<List<ByteBuffer>> source = new SubmissionPublisher<>()) {
            BufferStream stream = new BufferStream(source);
            stream.subscribe(new Reader());
            Reader second = new Reader();

            stream.subscribe(second);

            assertThat(second.done).isCompletedExceptionally();
        }
    }
}
