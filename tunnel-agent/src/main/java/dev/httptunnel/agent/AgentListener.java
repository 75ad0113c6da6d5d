package dev.httptunnel.agent;

import dev.httptunnel.protocol.ConnectionEstablished;
import java.net.URI;

/**
 * Hooks for what the agent does: the console prints them, tests observe them. Called on the agent's
 * threads; implementations must return quickly and must not throw (exceptions are logged and ignored).
 */
public interface AgentListener {

    AgentListener NONE = new AgentListener() {
    };

    /** The connection state changed; {@code detail} says why, in a sentence for a human. */
    default void onStateChanged(ConnectionState state, String detail) {
    }

    /** The service accepted the agent: the tunnel id and its public URLs (new on every connection). */
    default void onEstablished(ConnectionEstablished established) {
    }

    /**
     * Something happened to the tunnel's connection that its user should know, in a sentence: a rotation,
     * requests passed on during one, a stop waiting for requests in flight.
     */
    default void onNews(String news) {
    }

    /** The request inspector is serving its page at {@code url}; said once, before the first connection. */
    default void onInspectorStarted(URI url) {
    }

    /** A request was answered, by the local service or with an error. */
    default void onRequest(RequestLogEntry entry) {
    }
}
