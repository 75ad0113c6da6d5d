package dev.httptunnel.protocol;

/** The API Gateway quotas every message between agent and service must respect. */
public final class ProtocolLimits {

    /** Largest WebSocket message API Gateway accepts, in either direction (WebSocket API quotas: 128 KB). */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;

    /** Largest WebSocket frame API Gateway accepts; a larger frame closes the socket with 1009 (quota: 32 KB). */
    public static final int MAX_FRAME_BYTES = 32 * 1024;

    /**
     * Largest body, either way, that can cross the tunnel: a Lambda invocation's request and response are
     * at most 6 MB (6,291,456 bytes), and a body travels in them as base64 (4/3 of its size) next to the
     * headers. 4,500,000 bytes become 6,000,000 of base64, leaving 291,456 bytes for everything else.
     */
    public static final int MAX_BODY_BYTES = 4_500_000;

    /**
     * Largest header block an answer may carry, counted as sent ({@code name: value} and a line break per
     * header). The HTTP API documents one header quota, the request line plus header values (10,240 bytes),
     * and none for responses; the tunnel holds answers to the same figure rather than let API Gateway
     * refuse them without a word.
     */
    public static final int MAX_HEADER_BLOCK_BYTES = 10_240;

    /**
     * How long the forwarding handler waits for the agent's answer by default: under API Gateway's
     * integration timeouts (29 s for a Lambda the stack caps there, 30 s for the HTTP API), with time left
     * to answer the caller. The agent's local timeout must stay under it.
     */
    public static final java.time.Duration RESPONSE_DEADLINE = java.time.Duration.ofSeconds(
            ProtocolLimits.RESPONSE_DEADLINE_SECONDS);

    /** {@link #RESPONSE_DEADLINE} in seconds, a constant that help texts can cite. */
    public static final int RESPONSE_DEADLINE_SECONDS = 27;

    /** Lambda's synchronous invocation payload limit, each way (6 MB). */
    public static final int LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;

    /** API Gateway closes a WebSocket connection idle for this long (10 minutes, hard). */
    public static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofMinutes(10);

    /** API Gateway closes every WebSocket connection after this long (2 hours, hard). */
    public static final java.time.Duration MAX_CONNECTION_DURATION = java.time.Duration.ofHours(2);

    private ProtocolLimits() {
    }
}
