package dev.httptunnel.agent.inspect;

import dev.httptunnel.agent.relay.RelayOutcome;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.time.Instant;
import java.util.List;

/**
 * A request and its answer as the relay left them, waiting for the writer to make a {@link Capture} of
 * them: inline bodies are still base64 in the messages, streamed ones already teed.
 */
record Answered(TunnelRequest request, RelayOutcome outcome, Instant receivedAt, String tunnel, String replayOf,
                int cap, BodyTee requestTee, BodyTee responseTee, Timings timings) {

    /** The bodies this keeps alive until the writer is done with it: teed bytes and inline base64. */
    long heldBytes() {
        long inline = request.body().length()
                + (outcome.answer() instanceof TunnelResponse response ? response.body().length() : 0);
        return inline + requestTee.keptBytes() + responseTee.keptBytes();
    }

    Capture toCapture(String id) {
        CapturedBody requestBody = request.bodyUrl() == null
                ? CapturedBody.of(request.bodyBytes(), cap)
                : requestTee.body(outcome.requestBodyBytes());
        if (outcome.answer() instanceof TunnelResponse response) {
            CapturedBody responseBody = !response.bodyUploaded()
                    ? CapturedBody.of(response.bodyBytes(), cap)
                    : responseTee.body(outcome.responseBodyBytes());
            return new Capture(id, tunnel, receivedAt.toString(), request.method(), request.path(), request.query(),
                    request.headers().entries(), requestBody, response.status(), response.headers().entries(),
                    responseBody, null, null, timings, replayOf);
        }
        ErrorCode code = outcome.answer() instanceof ErrorMessage error ? error.code() : ErrorCode.AGENT_ERROR;
        String message = outcome.answer() instanceof ErrorMessage error ? error.message() : "no answer";
        return new Capture(id, tunnel, receivedAt.toString(), request.method(), request.path(), request.query(),
                request.headers().entries(), requestBody, 0, List.of(), CapturedBody.NONE, code.wireName(), message,
                timings, replayOf);
    }
}
