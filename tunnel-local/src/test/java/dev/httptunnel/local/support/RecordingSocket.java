package dev.httptunnel.local.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A raw WebSocket client endpoint for gateway tests: records each text message with the sizes of the
 * frames it arrived in, and the close status.
 */
public final class RecordingSocket implements Session.Listener.AutoDemanding {

    /** One received text message and the UTF-8 size of each of its frames. */
    public record Received(String text, List<Integer> frameSizes) {
    }

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final StringBuilder partial = new StringBuilder();
    private final List<Integer> frames = new ArrayList<>();
    private volatile Session session;
    private volatile int closeStatus = -1;

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public synchronized void onWebSocketPartialText(String payload, boolean fin) {
        partial.append(payload);
        frames.add(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        if (fin) {
            messages.add(new Received(partial.toString(), List.copyOf(frames)));
            partial.setLength(0);
            frames.clear();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
        closeStatus = statusCode;
        closed.countDown();
        callback.succeed();
    }

    public Session session() {
        return session;
    }

    /** The next message, failing the test when none arrives within {@code timeout}. */
    public Received next(Duration timeout) throws InterruptedException {
        Received message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** The close status, failing the test when the connection is still open after {@code timeout}. */
    public int awaitClose(Duration timeout) throws InterruptedException {
        if (!closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("connection still open after " + timeout);
        }
        return closeStatus;
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }
}
