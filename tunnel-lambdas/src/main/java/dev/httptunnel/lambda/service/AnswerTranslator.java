package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.ProtocolException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelResponse;
import java.util.Base64;
import java.util.Optional;

/** Turns the agent's answer into what the public caller receives. */
final class AnswerTranslator {

    /** Statuses below are interim (1xx): an HTTP API answers with exactly one final response. */
    static final int FIRST_FINAL_STATUS = 200;

    private final Optional<BodyStore> bodies;

    AnswerTranslator(Optional<BodyStore> bodies) {
        this.bodies = bodies;
    }

    /** The agent's answer as recorded by the response handler (which only records valid messages). */
    static Message decode(String answerJson) {
        return MessageCodec.decode(answerJson);
    }

    /** Whether the answer's body came through the body store rather than inside the message. */
    static boolean usedBodyStore(Message answer) {
        return answer instanceof TunnelResponse response && response.bodyUploaded();
    }

    static PublicResponse unreadable(ProtocolException e, HeaderList requestHeaders) {
        return ErrorPage.render(Failure.AGENT_ERROR, "The agent's answer could not be read: " + e.getMessage(),
                requestHeaders);
    }

    PublicResponse translate(Message answer, String requestId, TunnelRoute route, HeaderList requestHeaders) {
        if (answer instanceof TunnelResponse response) {
            if (response.status() < FIRST_FINAL_STATUS) {
                // An interim status would leave the caller waiting for the final response that never comes.
                return ErrorPage.render(Failure.AGENT_ERROR, "The local service answered with status "
                        + response.status() + ", which is not a final response (the tunnel relays 200-599; "
                        + "it cannot switch protocols).", requestHeaders);
            }
            HeaderList rewritten = AnswerHeaders.forCaller(response.headers(), route);
            if (rewritten.blockBytes() > ProtocolLimits.MAX_HEADER_BLOCK_BYTES) {
                return ErrorPage.render(Failure.RESPONSE_TOO_LARGE, Failure.RESPONSE_TOO_LARGE.detail(
                        "The local service's response headers take " + rewritten.blockBytes() + " bytes; API "
                                + "Gateway's HTTP API carries at most " + ProtocolLimits.MAX_HEADER_BLOCK_BYTES
                                + " bytes of headers."), requestHeaders);
            }
            return response.bodyUploaded()
                    ? withUploadedBody(requestId, response.status(), rewritten, requestHeaders)
                    : new PublicResponse(response.status(), rewritten, response.body());
        }
        if (answer instanceof ErrorMessage error) {
            Failure failure = Failure.reportedBy(error.code());
            // Worded like the service's own pages, which name the tunnel and its agent.
            String detail = "The agent of tunnel " + route.tunnelId() + " reports "
                    + (error.message().isBlank() ? error.code().wireName() + "." : "that " + error.message());
            return ErrorPage.render(failure, failure.detail(detail), requestHeaders);
        }
        return ErrorPage.render(Failure.AGENT_ERROR, "The agent answered with an unexpected message.",
                requestHeaders);
    }

    private PublicResponse withUploadedBody(String requestId, int status, HeaderList headers,
                                            HeaderList requestHeaders) {
        Optional<byte[]> body;
        try {
            body = bodies.flatMap(store -> store.takeResponseBody(requestId, ProtocolLimits.MAX_BODY_BYTES));
        } catch (BodyTooLargeException e) {
            return ErrorPage.render(Failure.RESPONSE_TOO_LARGE, Failure.RESPONSE_TOO_LARGE.detail(
                    "The local service's response body of " + e.size() + " bytes is larger than the tunnel "
                            + "carries (" + e.limit() + " bytes, Lambda's 6 MB payload limit after base64)."),
                    requestHeaders);
        }
        if (body.isEmpty()) {
            return ErrorPage.render(Failure.AGENT_ERROR,
                    "The agent said it uploaded the response body, but none arrived.", requestHeaders);
        }
        return new PublicResponse(status, headers, Base64.getEncoder().encodeToString(body.get()));
    }

}
