package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.ProtocolException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelResponse;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** Turns the agent's answer into what the public caller receives. */
final class AnswerTranslator {

    /** Headers that describe one hop's connection, not the response; API Gateway sets its own. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "upgrade", "proxy-connection", "te", "trailer");

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
            HeaderList headers = new HeaderList(response.headers().entries().stream()
                    .filter(h -> !isHopByHop(h)).toList());
            HeaderList rewritten = PrefixRewriter.rewrite(headers, route.prefix());
            return response.bodyUploaded()
                    ? withUploadedBody(requestId, response.status(), rewritten, requestHeaders)
                    : new PublicResponse(response.status(), rewritten, response.body());
        }
        if (answer instanceof ErrorMessage error) {
            Failure failure = switch (error.code()) {
                case LOCAL_SERVICE_UNAVAILABLE -> Failure.LOCAL_SERVICE_UNAVAILABLE;
                case LOCAL_SERVICE_TIMEOUT -> Failure.LOCAL_SERVICE_TIMEOUT;
                case AGENT_BUSY -> Failure.AGENT_BUSY;
                case BODY_TOO_LARGE -> Failure.RESPONSE_TOO_LARGE;
                default -> Failure.AGENT_ERROR;
            };
            String detail = error.message().isBlank() ? "The agent reported " + error.code().wireName() + "."
                    : error.message();
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

    private static boolean isHopByHop(HeaderField header) {
        return HOP_BY_HOP.contains(header.name().toLowerCase(java.util.Locale.ROOT));
    }
}
