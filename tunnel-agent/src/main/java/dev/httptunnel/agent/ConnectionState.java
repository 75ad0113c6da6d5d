package dev.httptunnel.agent;

/** Where the agent's link to the tunnel service stands. */
public enum ConnectionState {
    /** Opening the WebSocket and waiting for {@code connection_established}. */
    CONNECTING,
    /** The tunnel is up: public requests reach the local service. */
    ESTABLISHED,
    /** The connection was lost or refused; the agent waits out a backoff delay before trying again. */
    RECONNECTING,
    /**
     * The upgrade was refused with a status a retry cannot fix ({@link AgentRefusal}: the token, the name, or
     * the endpoint's path or stage), so the agent stopped and will not reconnect.
     */
    REFUSED,
    /**
     * The service said another agent took over this agent's name (same token, same name: started elsewhere
     * or in a forgotten terminal), so this one stopped and will not reconnect, lest the two take turns.
     */
    REPLACED,
    /** {@link TunnelAgent#close()} was called; the agent will not reconnect. */
    CLOSED
}
