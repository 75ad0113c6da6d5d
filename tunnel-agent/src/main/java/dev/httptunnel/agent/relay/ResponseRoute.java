package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The way a local response goes back, chosen once its headers are in: announced too large for one message
 * when the service offered an upload URL, it streams into the upload ({@link StreamedUpload}); otherwise it
 * is read up to the limit (one message's worth without an upload URL) and answered inline when it fits one
 * message, else uploaded whole on a relay worker ({@link WholeUpload}). An inline answer is handed on from
 * the body subscriber, on the local client's selector thread; no thread waits for a streamed upload.
 */
final class ResponseRoute implements HttpResponse.BodyHandler<byte[]> {

    private final PendingAnswer pending;
    private final PresignedUpload uploads;
    private final ErrorAnswers errors;
    private final Executor blockingWork;

    ResponseRoute(PendingAnswer pending, PresignedUpload uploads, ErrorAnswers errors, Executor blockingWork) {
        this.pending = pending;
        this.uploads = uploads;
        this.errors = errors;
        this.blockingWork = blockingWork;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        pending.tap().responseStarted();
        long declared = declaredLength(pending.request(), info);
        HeaderList headers = relayedHeaders(info.headers());
        boolean uploadable = pending.uploadUrl() != null;
        if (uploadable && declared > InlineAnswer.MAX_BODY_BYTES && declared <= ProtocolLimits.MAX_BODY_BYTES) {
            return new StreamedUpload(pending, uploads, errors).subscriber(info.statusCode(), headers, declared);
        }
        // Without an upload URL nothing over one message can be answered: stop reading there.
        BoundedBodySubscriber subscriber = BoundedBodySubscriber
                .refusingOver(uploadable ? ProtocolLimits.MAX_BODY_BYTES : InlineAnswer.MAX_BODY_BYTES, declared, true)
                .expiringAt(pending.deadlineNanos());
        subscriber.getBody().whenComplete((body, failure) -> {
            if (failure != null) {
                pending.answer(errors.localFailure(pending.request(), FailureCause.unwrap(failure)));
            } else {
                answer(info.statusCode(), headers, body);
            }
        });
        return subscriber;
    }

    private void answer(int status, HeaderList headers, byte[] body) {
        Optional<RelayOutcome> inline = InlineAnswer.of(pending.request(), pending.requestBytes(), status, headers,
                body);
        if (inline.isPresent()) {
            pending.answer(inline.get());
            return;
        }
        pending.tap().responseBody(ByteBuffer.wrap(body).asReadOnlyBuffer());
        WholeUpload whole = new WholeUpload(pending, uploads, errors);
        try {
            blockingWork.execute(() -> pending.answer(whole.answer(status, headers, body)));
        } catch (RejectedExecutionException shutDown) {
            pending.answer(ErrorAnswers.shuttingDown(pending.request()));
        }
    }

    /** The announced body length, or -1 where no body follows whatever the header says (HEAD, 1xx, 204, 304). */
    private static long declaredLength(TunnelRequest request, HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        if ("HEAD".equals(request.method()) || status < 200 || status == 204 || status == 304) {
            return -1;
        }
        return info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /** The local response's headers in order, repeats kept, without HTTP/2 pseudo-headers or hop-by-hop ones. */
    private static HeaderList relayedHeaders(HttpHeaders local) {
        List<HeaderField> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : local.map().entrySet()) {
            if (entry.getKey().startsWith(":")) {
                continue;
            }
            for (String value : entry.getValue()) {
                headers.add(new HeaderField(entry.getKey(), value));
            }
        }
        return HopByHopHeaders.strip(new HeaderList(headers), Set.of());
    }
}
