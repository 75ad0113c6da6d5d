package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Replays one tunnelled request on the local service and turns the outcome into exactly one answer: the
 * response, or an error that says which side failed ({@link ErrorAnswers}). Bodies too large for one
 * message travel through the service's presigned URLs, so the WebSocket only ever carries the small
 * answer, and they stream: a request body from its download into the local request, a response body with
 * a {@code Content-Length} from the local service into its upload, a buffer at a time
 * ({@link BufferStream}). The agent never holds such a body whole, so its memory does not grow with the
 * bodies in flight and its collections have nothing large to copy.
 */
public final class LocalRelay {

    private final LocalService local;
    private final PresignedDownload downloads;
    private final PresignedUpload uploads;
    private final ErrorAnswers errors;
    private final Duration timeout;

    public LocalRelay(String host, int port, HostHeaderPolicy hostHeader, Duration timeout) {
        this.local = new LocalService(host, port, hostHeader, timeout);
        PresignedClient presigned = new PresignedClient(timeout);
        this.downloads = new PresignedDownload(presigned);
        this.uploads = new PresignedUpload(presigned);
        this.errors = new ErrorAnswers(local.authority(), timeout);
        this.timeout = timeout;
    }

    /** The local service's {@code host:port}, as error messages name it. */
    public String authority() {
        return local.authority();
    }

    /**
     * Relays {@code request} and hands its single outcome to {@code done}: an {@link TunnelResponse} or an
     * {@link ErrorMessage} with the request id, all within the local timeout counted from
     * {@code receivedAtNanos}. The calling thread never waits for the local service: the local call is
     * started here and answered on the HTTP client's selector thread when the response is complete, so no
     * thread is held while the local service works. A body that waits at a URL streams from its download; a
     * response too large for one message streams into its upload, or, without a {@code Content-Length}, is
     * read whole (up to the limit) and uploaded on {@code blockingWork}. {@code done} must not block.
     */
    public void relay(TunnelRequest request, long receivedAtNanos, Executor blockingWork, Consumer<RelayOutcome> done) {
        relay(request, receivedAtNanos, blockingWork, RelayTap.NONE, done);
    }

    /** As {@link #relay(TunnelRequest, long, Executor, Consumer)}, showing the relay to {@code tap} as it goes. */
    public void relay(TunnelRequest request, long receivedAtNanos, Executor blockingWork, RelayTap tap,
                      Consumer<RelayOutcome> done) {
        long deadline = receivedAtNanos + timeout.toNanos();
        if (deadline - System.nanoTime() <= 0) {
            done.accept(errors.queuedTooLong(request));
            return;
        }
        if (request.bodyUrl() == null) {
            send(new PendingAnswer(request, RequestBody.of(request.bodyBytes()), deadline, done, tap), blockingWork);
            return;
        }
        downloads.start(request.bodyUrl(), ProtocolLimits.MAX_BODY_BYTES, deadline).whenComplete((body, failed) -> {
            if (failed == null) {
                // Nobody watching (the inspector off): the body streams with no stage in between.
                RequestBody relayed = tap == RelayTap.NONE ? body : body.teeing(tap::requestBody);
                send(new PendingAnswer(request, relayed, deadline, done, tap), blockingWork);
            } else {
                done.accept(ErrorAnswers.requestBodyFailed(request, FailureCause.unwrap(failed)));
            }
        });
    }

    /** Replays the request with its body on the local service; the route answers from its response. */
    private void send(PendingAnswer pending, Executor blockingWork) {
        TunnelRequest request = pending.request();
        long remainingNanos = pending.deadlineNanos() - System.nanoTime();
        if (remainingNanos <= 0) {
            pending.answer(errors.timedOut(request));
            return;
        }
        RequestBody body = pending.body();
        HttpRequest localRequest;
        try {
            localRequest = local.request(request, body.publisher(), Duration.ofNanos(remainingNanos));
        } catch (IllegalArgumentException unsendable) {
            pending.answer(ErrorAnswers.unsendable(request, unsendable));
            return;
        }
        pending.tap().sentToApp();
        local.send(localRequest, new ResponseRoute(pending, uploads, errors, blockingWork))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        pending.answer(callFailed(request, body, FailureCause.unwrap(failure)));
                    }
                });
    }

    /** While the body streams from its download, the app is not to blame for the download's faults. */
    private RelayOutcome callFailed(TunnelRequest request, RequestBody body, Throwable cause) {
        boolean downloadStalled = body.stalled();
        body.discard();
        Throwable brokenOff = body.brokenOff();
        if (brokenOff != null) {
            return ErrorAnswers.downloadBrokeOff(request, brokenOff);
        }
        if (downloadStalled && FailureCause.isTimeout(cause)) {
            return errors.downloadStalled(request);
        }
        return errors.localFailure(request, cause);
    }
}
