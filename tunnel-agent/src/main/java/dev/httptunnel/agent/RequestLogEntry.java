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
 * @param duration from receipt by the agent to the answer being queued on the WebSocket
 */
public record RequestLogEntry(String method, String target, int status, ErrorCode error, Duration duration) {

    public boolean answeredWithError() {
        return error != null;
    }
}
