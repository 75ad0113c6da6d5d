package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.Message;

/**
 * The single answer to one request, with the body sizes the console shows.
 *
 * @param answer the {@code http_response} or {@code error} to send
 * @param requestBodyBytes the request body relayed to the local service, 0 when none or not relayed
 * @param responseBodyBytes the local service's response body, inline or uploaded; 0 when none or refused
 */
public record RelayOutcome(Message answer, long requestBodyBytes, long responseBodyBytes) {

    public static RelayOutcome of(Message answer) {
        return new RelayOutcome(answer, 0, 0);
    }
}
