package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderList;
import java.net.http.HttpResponse;

/**
 * A local response announced too large for one message, streamed into its upload as it arrives, so the
 * agent never holds it whole; the answer goes once the upload is in. No thread waits for either side:
 * the body moves as the upload reads it.
 */
record StreamedUpload(PendingAnswer pending, PresignedUpload uploads, ErrorAnswers errors) {

    /** The body a streamed response leaves behind in the agent: none, it went to the upload. */
    private static final byte[] STREAMED = new byte[0];

    /** The local response's subscriber: hands its body to the upload once the local client starts it. */
    HttpResponse.BodySubscriber<byte[]> subscriber(int status, HeaderList headers, long length) {
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), source -> {
            start(new BufferStream(source), status, headers, length);
            return STREAMED;
        });
    }

    private void start(BufferStream body, int status, HeaderList headers, long length) {
        uploads.start(pending.uploadUrl(), new TeeingPublisher(body, length, pending.tap()::responseBody), length,
                        pending.deadlineNanos())
                .whenComplete((uploaded, failed) -> pending.answer(failed == null
                        ? pending.uploaded(status, headers, length)
                        : failed(body, status, FailureCause.unwrap(failed))));
    }

    /** The side that broke off, or kept the other waiting, is the one named; the stream is let go of. */
    private RelayOutcome failed(BufferStream body, int status, Throwable cause) {
        boolean localStalled = body.waitingForSource();
        body.discard();
        if (body.sourceFailure() != null) {
            return errors.localFailure(pending.request(), body.sourceFailure());
        }
        if (localStalled && cause instanceof TransferException transfer && transfer.timedOut()) {
            return errors.responseStalled(pending.request());
        }
        return errors.uploadFailed(pending.request(), pending.requestBytes(), status, cause);
    }
}
