package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One request on its way through the local service, waiting for its single answer: the first outcome goes
 * to the caller, any later one (a failure reported after the answer) is dropped.
 */
final class PendingAnswer {

    private final TunnelRequest request;
    private final RequestBody body;
    private final long deadlineNanos;
    private final Consumer<RelayOutcome> done;
    private final RelayTap tap;
    private final AtomicBoolean answered = new AtomicBoolean();

    PendingAnswer(TunnelRequest request, RequestBody body, long deadlineNanos, Consumer<RelayOutcome> done,
                  RelayTap tap) {
        this.request = request;
        this.tap = tap;
        this.body = body;
        this.deadlineNanos = deadlineNanos;
        this.done = done;
    }

    TunnelRequest request() {
        return request;
    }

    RelayTap tap() {
        return tap;
    }

    RequestBody body() {
        return body;
    }

    /** The request body's size, as the console shows it. */
    long requestBytes() {
        return body.length();
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Where the service wants a response body too large for one message; null when it offered none. */
    String uploadUrl() {
        return request.responseBodyUploadUrl();
    }

    /** The answer for a response whose body is at the upload URL. */
    RelayOutcome uploaded(int status, HeaderList headers, long responseBytes) {
        return new RelayOutcome(TunnelResponse.uploaded(request.requestId(), status, headers), body.length(),
                responseBytes);
    }

    /** Hands {@code outcome} on if it is the first. */
    void answer(RelayOutcome outcome) {
        if (answered.compareAndSet(false, true)) {
            // An app may answer before reading all of a streamed request body: let go of its download.
            body.discard();
            done.accept(outcome);
        }
    }
}
