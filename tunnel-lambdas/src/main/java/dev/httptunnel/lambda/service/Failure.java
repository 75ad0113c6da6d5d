package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.ErrorCode;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every way a public request can fail before or instead of the local service's answer. The failures the
 * agent reports take their status and code from its {@link ErrorCode}, so the caller, the agent's console and
 * the docs name them alike.
 */
public enum Failure {
    BAD_REQUEST(400, "Bad request", "The request cannot be relayed: %s"),
    NO_TUNNEL(404, "No tunnel here", "This address does not name a tunnel. A tunnel's address is %s."),
    TUNNEL_NOT_CONNECTED(404, "Tunnel not found",
            "No tunnel is named %s: no agent serves it and no token holds the name. It may be a typo: a "
                    + "tunnel's address is %s, with the name the agent's banner prints."),
    TUNNEL_OFFLINE(503, "Tunnel offline",
            "The agent of tunnel %s is not connected and did not come back in time (it may be restarting). "
                    + "Try again later."),
    AGENT_GONE(502, "Tunnel agent disconnected",
            "The agent of tunnel %s disconnected while this request was in flight; the local service may have "
                    + "received it."),
    WEBSOCKET_NOT_SUPPORTED(501, "WebSocket not supported",
            "Tunnel %s relays HTTP requests only: a WebSocket connection cannot pass through it to the local "
                    + "service, because API Gateway's HTTP API does not upgrade connections."),
    LOCAL_SERVICE_UNAVAILABLE(ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "Local service unavailable"),
    AGENT_ERROR(ErrorCode.AGENT_ERROR, "Tunnel agent error"),
    AGENT_BUSY(ErrorCode.AGENT_BUSY, "Tunnel agent busy"),
    LOCAL_SERVICE_TIMEOUT(ErrorCode.LOCAL_SERVICE_TIMEOUT, "Local service timed out"),
    NO_ANSWER(504, "Tunnel timed out",
            "The agent of tunnel %s did not answer within %s seconds."),
    REQUEST_TOO_LARGE(ErrorCode.REQUEST_TOO_LARGE, "Request too large"),
    RESPONSE_TOO_LARGE(ErrorCode.RESPONSE_TOO_LARGE, "Response too large"),
    SERVICE_ERROR(500, "Tunnel service error", "The tunnel service failed while handling this request (%s).");

    private final int status;
    private final String title;
    private final String detailFormat;
    private final ErrorCode agentCode; // null for a failure the service itself finds

    Failure(int status, String title, String detailFormat) {
        this.status = status;
        this.title = title;
        this.detailFormat = detailFormat;
        this.agentCode = null;
    }

    Failure(ErrorCode agentCode, String title) {
        this.status = agentCode.callerStatus();
        this.title = title;
        this.detailFormat = "%s";
        this.agentCode = agentCode;
    }

    /** The failure a caller sees when the agent answers its request with {@code code}. */
    public static Failure reportedBy(ErrorCode code) {
        ErrorCode seen = code.forCaller();
        return Arrays.stream(values()).filter(f -> f.agentCode == seen).findFirst().orElse(AGENT_ERROR);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The explanation shown to the caller, with {@code args} filling the format's placeholders. */
    public String detail(Object... args) {
        return String.format(detailFormat, args);
    }

    /** The value of the {@code X-Tunnel-Error} header, so scripts can tell failures apart. */
    public String code() {
        return agentCode != null ? agentCode.wireName() : name().toLowerCase(Locale.ROOT);
    }
}
