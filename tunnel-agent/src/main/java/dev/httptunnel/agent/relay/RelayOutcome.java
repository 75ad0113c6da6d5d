package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.Message;

/**
 * The single answer to one request, with the body sizes the console shows.
 *
 * @param answer the {@code http_response} or {@code error} to send
 * @param requestBodyBytes the request body relayed to the local service, 0 when none or not relayed
 * @param responseBodyBytes the local service's response body, inline or uploaded; 0 when none or refused
 * @param encodedAnswer {@code answer} already encoded (the relay encodes a response to see whether it fits
 *     one message), so it is not encoded twice; null when not encoded yet
 */
public record RelayOutcome(Message answer, long requestBodyBytes, long responseBodyBytes, String encodedAnswer) {

    public RelayOutcome(Message answer, long requestBodyBytes, long responseBodyBytes) {
        this(answer, requestBodyBytes, responseBodyBytes, null);
    }

    public static RelayOutcome of(Message answer) {
        return new RelayOutcome(answer, 0, 0);
    }
}
