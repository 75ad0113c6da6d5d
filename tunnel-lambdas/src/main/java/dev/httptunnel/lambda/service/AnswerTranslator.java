package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HttpHeader;
import dev.httptunnel.protocol.HttpHeaders;
import dev.httptunnel.protocol.HttpResponse;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.ProtocolException;
import java.util.Set;

/** Turns the agent's answer into what the public caller receives. */
final class AnswerTranslator {

    /** Headers that describe one hop's connection, not the response; API Gateway sets its own. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "upgrade", "proxy-connection", "te", "trailer");

    PublicResponse translate(String answerJson, TunnelRoute route, HttpHeaders requestHeaders) {
        Message answer;
        try {
            answer = MessageCodec.decode(answerJson);
        } catch (ProtocolException e) {
            return ErrorPage.render(Failure.AGENT_ERROR, "The agent's answer could not be read: " + e.getMessage(),
                    requestHeaders);
        }
        if (answer instanceof HttpResponse response) {
            HttpHeaders headers = new HttpHeaders(response.headers().entries().stream()
                    .filter(h -> !isHopByHop(h)).toList());
            return new PublicResponse(response.status(), PrefixRewriter.rewrite(headers, route.prefix()),
                    response.body());
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

    private static boolean isHopByHop(HttpHeader header) {
        return HOP_BY_HOP.contains(header.name().toLowerCase(java.util.Locale.ROOT));
    }
}
