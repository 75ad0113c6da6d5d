package dev.httptunnel.local.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One client connection of the WebSocket API, from a successful {@code $connect} to its close. */
public final class AgentSocket implements Session.Listener.AutoDemanding {

    private static final System.Logger LOG = System.getLogger(AgentSocket.class.getName());

    private final WebSocketEvent.ConnectionInfo info;
    private final WebSocketApi api;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;
    private volatile Instant lastActiveAt;

    AgentSocket(WebSocketEvent.ConnectionInfo info, WebSocketApi api) {
        this.info = info;
        this.api = api;
        this.lastActiveAt = info.connectedAt();
    }

    String connectionId() {
        return info.connectionId();
    }

    WebSocketEvent.ConnectionInfo info() {
        return info;
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        api.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        lastActiveAt = Instant.now();
        api.received(this, message, false);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        lastActiveAt = Instant.now();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        api.received(this, Base64.getEncoder().encodeToString(bytes), true);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (closed.compareAndSet(false, true)) {
            api.closed(this, statusCode, reason);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "connection " + connectionId() + ": " + cause);
    }

    /**
     * Sends one text message in frames of at most {@code maxFrameBytes}, as API Gateway does for
     * {@code POST @connections}. Messages to one connection go out one after another.
     *
     * @return false when the connection is closed or the send failed
     */
    synchronized boolean send(String text, int maxFrameBytes, Duration timeout) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return false;
        }
        List<String> chunks = FrameChunks.split(text, maxFrameBytes);
        try {
            for (int i = 0; i < chunks.size(); i++) {
                Callback.Completable sent = new Callback.Completable();
                if (chunks.size() == 1) {
                    current.sendText(chunks.get(0), sent);
                } else {
                    current.sendPartialText(chunks.get(i), i == chunks.size() - 1, sent);
                }
                sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "sending to " + connectionId() + " failed: " + e);
            current.disconnect();
            return false;
        }
        lastActiveAt = Instant.now();
        return true;
    }

    void close(int statusCode, String reason) {
        Session current = session;
        if (current != null) {
            current.close(statusCode, reason, Callback.NOOP);
        }
    }
}
