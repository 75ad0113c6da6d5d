package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;

/**
 * A local response read whole that does not fit one message (no {@code Content-Length}, or headers too
 * large): uploaded in one PUT when the service offered a URL, refused as too large otherwise. Blocks for
 * the upload, so it runs on a relay worker.
 */
record WholeUpload(PendingAnswer pending, PresignedUpload uploads, ErrorAnswers errors) {

    RelayOutcome answer(int status, HeaderList headers, byte[] body) {
        TunnelRequest request = pending.request();
        if (pending.uploadUrl() == null) {
            return body.length > InlineAnswer.MAX_BODY_BYTES
                    ? errors.responseTooLarge(request, over(body, InlineAnswer.MAX_BODY_BYTES))
                    : errors.encodedTooLarge(request, InlineAnswer.encodedSize(request, status, headers, body));
        }
        if (body.length > ProtocolLimits.MAX_BODY_BYTES) {
            return errors.responseTooLarge(request, over(body, ProtocolLimits.MAX_BODY_BYTES));
        }
        try {
            uploads.await(pending.uploadUrl(), body, pending.deadlineNanos());
        } catch (TransferException failed) {
            return errors.uploadFailed(request, pending.requestBytes(), status, failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ErrorAnswers.shuttingDown(request);
        }
        return pending.uploaded(status, headers, body.length);
    }

    private static OversizedBodyException over(byte[] body, int limit) {
        return new OversizedBodyException(body.length, limit);
    }
}
