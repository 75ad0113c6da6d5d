package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.httptunnel.protocol.HeaderField;
import java.util.List;
import java.util.Objects;

/**
 * One request the agent relayed (or replayed), as the inspector shows it: the request as the service
 * delivered it, and the local service's response or the tunnel error the caller got instead.
 *
 * @param id the inspector's own id, increasing with time
 * @param tunnel the tunnel name it arrived on; empty for a replay made before any connection
 * @param receivedAt when the agent received it, ISO-8601 UTC
 * @param method the request method
 * @param path the raw path as received
 * @param query the raw query without {@code ?}; empty when none
 * @param requestHeaders in order, repeats kept
 * @param requestBody as kept under the body cap
 * @param status the local service's status; 0 when the caller got a tunnel error instead
 * @param responseHeaders in order, repeats kept; empty for a tunnel error
 * @param responseBody as kept under the body cap
 * @param error the tunnel error code the caller got; null when the local service answered
 * @param errorMessage the error's text; null when the local service answered
 * @param timings when each step was reached
 * @param replayOf the id of the capture this one replays; null for a request from the tunnel
 */
public record Capture(String id, String tunnel, String receivedAt, String method, String path, String query,
                      List<HeaderField> requestHeaders, CapturedBody requestBody, int status,
                      List<HeaderField> responseHeaders, CapturedBody responseBody, String error, String errorMessage,
                      Timings timings, String replayOf) {

    public Capture {
        Objects.requireNonNull(id, "id");
        tunnel = tunnel == null ? "" : tunnel;
        query = query == null ? "" : query;
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
        requestBody = requestBody == null ? CapturedBody.NONE : requestBody;
        responseBody = responseBody == null ? CapturedBody.NONE : responseBody;
    }

    /** Path and query as on the request line. */
    @JsonProperty("target")
    public String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** What the inspector holds for this capture, headers and kept bodies: what its byte cap counts. */
    public long heldBytes() {
        long bytes = requestBody.bytes().length + responseBody.bytes().length + target().length() + 256;
        for (HeaderField header : requestHeaders) {
            bytes += header.name().length() + header.value().length() + 4;
        }
        for (HeaderField header : responseHeaders) {
            bytes += header.name().length() + header.value().length() + 4;
        }
        return bytes;
    }

    public Capture withId(String newId) {
        return new Capture(newId, tunnel, receivedAt, method, path, query, requestHeaders, requestBody, status,
                responseHeaders, responseBody, error, errorMessage, timings, replayOf);
    }
}
