package dev.httptunnel.local.websocket;

import dev.httptunnel.protocol.Frames;
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
import org.eclipse.jetty.websocket.api.StatusCode;

/** One client connection of the WebSocket API, from a successful {@code $connect} to its close. */
public final class AgentSocket implements Session.Listener.AutoDemanding {

    private static final System.Logger LOG = System.getLogger(AgentSocket.class.getName());

    private final WebSocketEvent.ConnectionInfo info;
    private final WebSocketApiServer api;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;
    private volatile Instant lastActiveAt;
    /** The text message being received; touched only by the connection's reading thread. */
    private final StringBuilder partial = new StringBuilder();
    private int partialBytes;
    private int partialFrames;

    AgentSocket(WebSocketEvent.ConnectionInfo info, WebSocketApiServer api) {
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

    /**
     * Text arrives frame by frame so the gateway can count frames; Jetty has already refused any frame
     * over the quota with 1009. The message quota is checked here, with the same close status.
     */
    @Override
    public void onWebSocketPartialText(String payload, boolean fin) {
        lastActiveAt = Instant.now();
        int bytes = utf8Length(payload);
        api.traffic().in().frame(bytes);
        partialBytes += bytes;
        partialFrames++;
        if (partialBytes > api.maxMessageBytes()) {
            partial.setLength(0);
            partialBytes = 0;
            partialFrames = 0;
            session.close(StatusCode.MESSAGE_TOO_LARGE, "Message too big", Callback.NOOP);
            return;
        }
        partial.append(payload);
        if (fin) {
            String message = partial.toString();
            api.traffic().in().message(partialFrames, partialBytes);
            partial.setLength(0);
            partialBytes = 0;
            partialFrames = 0;
            api.received(this, message, false);
        }
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
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (closed.compareAndSet(false, true)) {
            api.closed(this, statusCode, reason);
        }
        callback.succeed();
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
        List<String> chunks = Frames.split(text, maxFrameBytes);
        long bytes = 0;
        try {
            for (int i = 0; i < chunks.size(); i++) {
                Callback.Completable sent = new Callback.Completable();
                if (chunks.size() == 1) {
                    current.sendText(chunks.get(0), sent);
                } else {
                    current.sendPartialText(chunks.get(i), i == chunks.size() - 1, sent);
                }
                sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                int frameBytes = utf8Length(chunks.get(i));
                api.traffic().out().frame(frameBytes);
                bytes += frameBytes;
            }
            api.traffic().out().message(chunks.size(), bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "sending to a connection failed: " + e);
            current.disconnect();
            return false;
        }
        lastActiveAt = Instant.now();
        return true;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    void close(int statusCode, String reason) {
        Session current = session;
        if (current != null) {
            current.close(statusCode, reason, Callback.NOOP);
        }
    }
}
