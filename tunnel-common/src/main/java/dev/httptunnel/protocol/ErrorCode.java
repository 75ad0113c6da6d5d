package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** The fixed set of reasons either side may give in an {@code error} message. */
public enum ErrorCode {
    /** The agent could not connect to the local service (connection refused, reset). */
    LOCAL_SERVICE_UNAVAILABLE("local_service_unavailable"),
    /** The local service did not answer in time. */
    LOCAL_SERVICE_TIMEOUT("local_service_timeout"),
    /** The agent has too many requests in flight and refused this one. */
    AGENT_BUSY("agent_busy"),
    /** A body exceeds what the protocol or the agent accepts. */
    BODY_TOO_LARGE("body_too_large"),
    /** The agent could not relay the request for another reason. */
    AGENT_ERROR("agent_error"),
    /** The message received could not be decoded or broke a protocol rule. */
    INVALID_MESSAGE("invalid_message"),
    /** An answer named a request that is unknown, already answered, or not this connection's. */
    UNKNOWN_REQUEST("unknown_request"),
    /**
     * The agent is replacing this connection and did not relay the request: the service may send it to the
     * tunnel's newer connection.
     */
    CONNECTION_RETIRED("connection_retired"),
    /** The service failed while handling the message. */
    INTERNAL_ERROR("internal_error");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
