package dev.httptunnel.lambda.service;

/** Every way a public request can fail before or instead of the local service's answer. */
public enum Failure {
    BAD_REQUEST(400, "Bad request", "The request cannot be relayed: %s"),
    NO_TUNNEL(404, "No tunnel here",
            "This address does not name a tunnel. Tunnel URLs look like https://<tunnel-id>.<domain>/ "
                    + "or https://<host>/<tunnel-id>/."),
    TUNNEL_NOT_CONNECTED(404, "Tunnel not found",
            "No agent is connected for tunnel %s. Start the agent again; its banner prints the current URL."),
    TUNNEL_OFFLINE(503, "Tunnel offline",
            "The agent of tunnel %s is not connected and did not come back in time (it may be restarting). "
                    + "Try again later."),
    AGENT_GONE(502, "Tunnel agent disconnected",
            "The agent of tunnel %s disconnected while this request was in flight; the local service may have "
                    + "received it."),
    LOCAL_SERVICE_UNAVAILABLE(502, "Local service unavailable", "%s"),
    AGENT_ERROR(502, "Tunnel agent error", "%s"),
    AGENT_BUSY(503, "Tunnel agent busy", "%s"),
    LOCAL_SERVICE_TIMEOUT(504, "Local service timed out", "%s"),
    NO_ANSWER(504, "Tunnel timed out",
            "The agent of tunnel %s did not answer within %s seconds."),
    REQUEST_TOO_LARGE(413, "Request too large", "%s"),
    RESPONSE_TOO_LARGE(502, "Response too large", "%s"),
    SERVICE_ERROR(500, "Tunnel service error", "The tunnel service failed while handling this request (%s).");

    private final int status;
    private final String title;
    private final String detailFormat;

    Failure(int status, String title, String detailFormat) {
        this.status = status;
        this.title = title;
        this.detailFormat = detailFormat;
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
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
