package dev.httptunnel.local.websocket;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket connections that are open now: what the Management API can reach. A connection joins
 * after {@code $connect} succeeded and the upgrade completed, and leaves as soon as it closes.
 */
public final class OpenConnections {

    private final Map<String, AgentSocket> open = new ConcurrentHashMap<>();

    void add(AgentSocket socket) {
        open.put(socket.connectionId(), socket);
    }

    void remove(AgentSocket socket) {
        open.remove(socket.connectionId(), socket);
    }

    Optional<AgentSocket> find(String connectionId) {
        return Optional.ofNullable(open.get(connectionId));
    }

    public int size() {
        return open.size();
    }
}
