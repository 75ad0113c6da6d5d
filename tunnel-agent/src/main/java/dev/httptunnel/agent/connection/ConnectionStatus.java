package dev.httptunnel.agent.connection;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.AgentRefusal;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's current state, which callers can wait on, and the one place that notifies the listener. */
public final class ConnectionStatus {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStatus.class);

    private final AgentListener listener;
    private ConnectionState state = ConnectionState.CONNECTING;
    private ConnectionEstablished established;
    private final CompletableFuture<AgentRefusal> refusal = new CompletableFuture<>();
    private final CompletableFuture<String> replacement = new CompletableFuture<>();

    public ConnectionStatus(AgentListener listener) {
        this.listener = listener;
    }

    public synchronized ConnectionState state() {
        return state;
    }

    public synchronized Optional<ConnectionEstablished> established() {
        return Optional.ofNullable(established);
    }

    /**
     * The tunnel of the current connection, waiting up to {@code timeout} for one to be established.
     *
     * @throws TimeoutException when no connection is established in time
     * @throws IllegalStateException when the agent is closed
     */
    public synchronized ConnectionEstablished awaitEstablished(Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (established == null) {
            if (state == ConnectionState.CLOSED) {
                throw new IllegalStateException("the agent is closed");
            }
            if (state == ConnectionState.REFUSED) {
                throw new IllegalStateException(refusal.join().message());
            }
            if (state == ConnectionState.REPLACED) {
                throw new IllegalStateException(replacement.join());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no tunnel established within " + timeout.toMillis() + " ms (state "
                        + state + ")");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return established;
    }

    /** Completes when the service refuses the agent; never when it is merely closed. */
    public CompletableFuture<AgentRefusal> refusal() {
        return refusal;
    }

    /** Completes, with the console's words, when another agent took this one's name; the agent has stopped. */
    public CompletableFuture<String> replacement() {
        return replacement;
    }

    void replaced(String why) {
        changed(ConnectionState.REPLACED, why);
        replacement.complete(why);
    }

    void refused(AgentRefusal why) {
        changed(ConnectionState.REFUSED, why.message());
        refusal.complete(why);
    }

    void changed(ConnectionState newState, String detail) {
        synchronized (this) {
            if (state == ConnectionState.CLOSED || state == ConnectionState.REFUSED
                    || state == ConnectionState.REPLACED) {
                return;
            }
            state = newState;
            established = null;
            notifyAll();
        }
        notifyListener(() -> listener.onStateChanged(newState, detail));
    }

    void established(ConnectionEstablished tunnel) {
        synchronized (this) {
            state = ConnectionState.ESTABLISHED;
            established = tunnel;
            notifyAll();
        }
        notifyListener(() -> listener.onEstablished(tunnel));
        notifyListener(() -> listener.onStateChanged(ConnectionState.ESTABLISHED,
                "tunnel " + tunnel.tunnelId() + " established"));
    }

    void news(String news) {
        notifyListener(() -> listener.onNews(news));
    }

    void requestAnswered(RequestLogEntry entry) {
        notifyListener(() -> listener.onRequest(entry));
    }

    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Agent listener failed", e);
        }
    }
}
