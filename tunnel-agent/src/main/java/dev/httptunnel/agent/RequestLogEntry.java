package dev.httptunnel.agent;

import dev.httptunnel.protocol.ErrorCode;
import java.time.Duration;

/**
 * One relayed request, as the console prints it.
 *
 * @param method the public request's method
 * @param target path and query as the caller sent them
 * @param status the local service's status, or 0 when the agent answered with an error instead
 * @param error the error the agent answered with; null when the local service answered
 * @param duration from receipt by the agent to the answer being queued on the WebSocket (body downloads
 *     and uploads included)
 * @param requestBodyBytes the request body relayed to the local service (0 when none)
 * @param responseBodyBytes the response body sent back, inline or uploaded (0 when none or refused)
 */
public record RequestLogEntry(String method, String target, int status, ErrorCode error, Duration duration,
                              long requestBodyBytes, long responseBodyBytes) {

    /** An entry without body sizes. */
    public RequestLogEntry(String method, String target, int status, ErrorCode error, Duration duration) {
        this(method, target, status, error, duration, 0, 0);
    }

    public boolean answeredWithError() {
        return error != null;
    }
}
