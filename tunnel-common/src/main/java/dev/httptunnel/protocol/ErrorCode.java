package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The fixed set of reasons either side may give in an {@code error} message. A code the agent answers a
 * request with reaches the public caller as itself, in {@code X-Tunnel-Error} with {@link #callerStatus()};
 * the others concern the protocol, and a caller answered with one of them sees {@link #AGENT_ERROR}.
 */
public enum ErrorCode {
    /** The agent could not connect to the local service (connection refused, reset). */
    LOCAL_SERVICE_UNAVAILABLE("local_service_unavailable", 502),
    /** The local service did not answer in time. */
    LOCAL_SERVICE_TIMEOUT("local_service_timeout", 504),
    /** The agent has too many requests in flight and refused this one. */
    AGENT_BUSY("agent_busy", 503),
    /** The request's body exceeds what the tunnel carries. */
    REQUEST_TOO_LARGE("request_too_large", 413),
    /** The response exceeds what the protocol or the tunnel carries. */
    RESPONSE_TOO_LARGE("response_too_large", 502),
    /** The agent could not relay the request for another reason. */
    AGENT_ERROR("agent_error", 502),
    /** The message received could not be decoded or broke a protocol rule. */
    INVALID_MESSAGE("invalid_message", 0),
    /** An answer named a request that is unknown, already answered, or not this connection's. */
    UNKNOWN_REQUEST("unknown_request", 0),
    /**
     * The agent is replacing this connection and did not relay the request: the service may send it to the
     * tunnel's newer connection.
     */
    CONNECTION_RETIRED("connection_retired", 0),
    /** The service failed while handling the message. */
    INTERNAL_ERROR("internal_error", 0);

    private final String wireName;
    private final int callerStatus; // 0 for a code that is not passed on to the caller

    ErrorCode(String wireName, int callerStatus) {
        this.wireName = wireName;
        this.callerStatus = callerStatus;
    }

    /** The name an agent built before requests and responses had codes of their own gave a response over the limit. */
    private static final String EARLIER_RESPONSE_TOO_LARGE = "body_too_large";

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The code a wire name stands for; the earlier name of {@link #RESPONSE_TOO_LARGE} is still understood,
     * and a name this side does not know, from a newer peer, is read as {@link #AGENT_ERROR}: the request it
     * answers then fails at once with a 502 instead of waiting out the deadline for a readable answer.
     */
    @JsonCreator
    public static ErrorCode ofWireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("an error needs a code");
        }
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        return EARLIER_RESPONSE_TOO_LARGE.equals(name) ? RESPONSE_TOO_LARGE : AGENT_ERROR;
    }

    /** The code the caller's {@code X-Tunnel-Error} names when the agent answers a request with this one. */
    public ErrorCode forCaller() {
        return callerStatus == 0 ? AGENT_ERROR : this;
    }

    /** The status the caller gets when the agent answers a request with this code. */
    public int callerStatus() {
        return forCaller().callerStatus;
    }
}
