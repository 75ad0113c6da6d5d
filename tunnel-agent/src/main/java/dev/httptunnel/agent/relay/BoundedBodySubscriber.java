package dev.httptunnel.agent.relay;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Collects a body but stops reading once it passes {@code limit} bytes, so a huge body cannot exhaust the
 * agent's memory before being refused. Past the limit it either fails with {@link OversizedBodyException}
 * or, in truncating mode (for error snippets), completes with the first {@code limit} bytes.
 */
final class BoundedBodySubscriber implements BodySubscriber<byte[]> {

    private static final int DEFAULT_INITIAL_CAPACITY = 8 * 1024;

    private final int limit;
    private final long declaredLength;
    private final boolean truncate;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private byte[] buffer;
    private int size;
    private Flow.Subscription subscription;
    private long deadlineNanos;
    private boolean hasDeadline;

    /**
     * @param declaredLength the {@code Content-Length} announced, or -1; used to size the buffer and to
     *     name the size when the body is refused
     * @param refuseOnDeclared refuse at once when the declared length is over the limit (only where a
     *     body must follow, never for HEAD or 204/304)
     */
    private BoundedBodySubscriber(int limit, long declaredLength, boolean refuseOnDeclared, boolean truncate) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.truncate = truncate;
        long initial = declaredLength >= 0 ? Math.min(declaredLength, limit) : DEFAULT_INITIAL_CAPACITY;
        if (refuseOnDeclared && declaredLength > limit) {
            body.completeExceptionally(new OversizedBodyException(declaredLength, limit));
            initial = 0;
        }
        this.buffer = new byte[(int) Math.min(initial, limit)];
    }

    /** Fails with {@link OversizedBodyException} past {@code limit} bytes. */
    static BoundedBodySubscriber refusingOver(int limit, long declaredLength, boolean refuseOnDeclared) {
        return new BoundedBodySubscriber(limit, declaredLength, refuseOnDeclared, false);
    }

    /** Keeps the first {@code limit} bytes and stops reading. */
    static BoundedBodySubscriber truncatingAt(int limit) {
        return new BoundedBodySubscriber(limit, -1, false, true);
    }

    /**
     * Fails the body with a {@link java.util.concurrent.TimeoutException} and stops reading when it is not
     * complete by {@code deadlineNanos} ({@link System#nanoTime()}). The JDK client's request timeout only
     * covers the wait for the response headers; this covers the body that follows them. The timer (the
     * JDK's shared {@link CompletableFuture} delayer) is armed only when the body is still incomplete once
     * its first bytes are requested, so a small body that came with the headers costs no timer.
     */
    BoundedBodySubscriber expiringAt(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = true;
        return this;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (body.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
            if (hasDeadline && !body.isDone()) {
                body.orTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                        .whenComplete((bytes, failure) -> {
                            if (failure instanceof java.util.concurrent.TimeoutException) {
                                subscription.cancel();
                            }
                        });
            }
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int remaining = item.remaining();
            if ((long) size + remaining > limit) {
                subscription.cancel();
                if (truncate) {
                    item.get(grow(limit - size), size, limit - size);
                    size = limit;
                    body.complete(Arrays.copyOf(buffer, size));
                } else {
                    body.completeExceptionally(new OversizedBodyException(
                            declaredLength > limit ? declaredLength : -1, limit));
                }
                buffer = null;
                return;
            }
            item.get(grow(remaining), size, remaining);
            size += remaining;
        }
    }

    /** The buffer, with room for {@code more} bytes after {@code size}; never larger than the limit. */
    private byte[] grow(int more) {
        int needed = size + more;
        if (needed > buffer.length) {
            long doubled = Math.max((long) buffer.length * 2, DEFAULT_INITIAL_CAPACITY);
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(doubled, needed)));
        }
        return buffer;
    }

    @Override
    public void onError(Throwable throwable) {
        buffer = null;
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        if (!body.isDone()) {
            body.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        }
        buffer = null;
    }
}
