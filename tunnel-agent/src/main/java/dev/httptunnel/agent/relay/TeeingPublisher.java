package dev.httptunnel.agent.relay;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A body publisher that shows every buffer to {@code tee} (a read-only view) on its way to the subscriber,
 * so an observer sees a streaming body without the relay holding it.
 */
final class TeeingPublisher implements HttpRequest.BodyPublisher {

    private final Flow.Publisher<ByteBuffer> source;
    private final long length;
    private final Consumer<ByteBuffer> tee;

    TeeingPublisher(Flow.Publisher<ByteBuffer> source, long length, Consumer<ByteBuffer> tee) {
        this.source = source;
        this.length = length;
        this.tee = tee;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                tee.accept(item.asReadOnlyBuffer());
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
