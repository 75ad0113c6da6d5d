package dev.httptunnel.agent.connection;

import dev.httptunnel.protocol.Frames;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.ProtocolLimits;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Sends whole protocol messages as frames of at most 32 KB. Relay workers answer concurrently, so the
 * frames of one message are queued under a lock: fragments of two messages must never interleave.
 */
final class FragmentingSender {

    private final Session session;
    private final int maxFrameBytes;

    FragmentingSender(Session session) {
        this(session, ProtocolLimits.MAX_FRAME_BYTES);
    }

    FragmentingSender(Session session, int maxFrameBytes) {
        this.session = session;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Encodes and queues {@code message}; the future completes once its last frame is written.
     *
     * @throws dev.httptunnel.protocol.MessageTooLargeException when the message exceeds 128 KB
     */
    CompletableFuture<Void> send(Message message) {
        return sendText(MessageCodec.encode(message));
    }

    CompletableFuture<Void> sendText(String text) {
        List<String> frames = Frames.split(text, maxFrameBytes);
        CompletableFuture<Void> written = new CompletableFuture<>();
        Callback onFailure = Callback.from(() -> { }, written::completeExceptionally);
        synchronized (this) {
            for (int i = 0; i < frames.size() - 1; i++) {
                session.sendPartialText(frames.get(i), false, onFailure);
            }
            session.sendPartialText(frames.get(frames.size() - 1), true,
                    Callback.from(() -> written.complete(null), written::completeExceptionally));
        }
        return written;
    }
}
