package dev.httptunnel.protocol;

import dev.httptunnel.identity.TunnelName;

/**
 * Service → agent: another agent connected with the same token and name, and the service now routes the
 * tunnel's requests to it and closes this connection. The agent stops rather than reconnects, or the two would
 * take the name from each other at every reconnect. Only the service can put a message on an agent's own
 * connection, so no caller and no other agent can send this.
 *
 * @param tunnelId the tunnel the other agent now serves
 */
public record ConnectionReplaced(String tunnelId) implements Message {
    static final String TYPE = "connection_replaced";

    public ConnectionReplaced {
        TunnelName.require(tunnelId);
    }
}
