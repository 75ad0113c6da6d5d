package dev.httptunnel.agent.testing;

import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.Ping;
import dev.httptunnel.protocol.Pong;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.Ready;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;

/** The service's end of one agent connection: records frames and messages, answers ready and pings. */
public final class AgentSide implements Session.Listener.AutoDemanding {

    /** One data frame as it arrived from the agent. */
    public record ReceivedFrame(byte opCode, int payloadLength, boolean fin) {
    }

    private final boolean answerReady;
    private final int number;
    private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Message>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean answerPings = true;
    private volatile Session session;

    AgentSide(boolean answerReady, int number) {
        this.answerReady = answerReady;
        this.number = number;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    /**
     * Jetty binds either a frame handler or message handlers, not both: messages are reassembled here so
     * that every frame's size can be recorded.
     */
    @Override
    public void onWebSocketFrame(Frame frame, Callback callback) {
        if (frame.getOpCode() <= 2) {
            frames.add(new ReceivedFrame(frame.getOpCode(), frame.getPayloadLength(), frame.isFin()));
            ByteBuffer payload = frame.getPayload();
            if (payload != null) {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                partial.write(bytes, 0, bytes.length);
            }
            if (frame.isFin()) {
                String text = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                onMessage(text);
            }
        }
        callback.succeed();
    }

    private void onMessage(String text) {
        Message message = MessageCodec.decode(text);
        if (message instanceof Ready hello) {
            if (answerReady) {
                send(new ConnectionEstablished(String.format("tunnel%06d", number),
                        List.of("http://tunnel" + number + ".localhost:8080", "http://localhost:8080/tunnel" + number)));
            }
            ready.complete(hello);
        } else if (message instanceof Ping && answerPings) {
            send(new Pong());
        } else if (message instanceof TunnelResponse response) {
            answerFor(response.requestId()).complete(response);
        } else if (message instanceof ErrorMessage error && error.requestId() != null) {
            answerFor(error.requestId()).complete(error);
        }
        received.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeCode.complete(statusCode);
    }

    public Ready awaitReady(Duration timeout) throws InterruptedException {
        return await(ready, timeout, "ready");
    }

    /** Stops answering the agent's pings, leaving the socket open: a half-open connection as the agent sees it. */
    public void goSilent() {
        answerPings = false;
    }

    /** Sends a request and waits for its single answer (response or error). */
    public Message exchange(TunnelRequest request, Duration timeout) throws InterruptedException {
        CompletableFuture<Message> answer = answerFor(request.requestId());
        send(request);
        return await(answer, timeout, "answer to " + request.requestId());
    }

    public CompletableFuture<Message> answerFor(String requestId) {
        return answers.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** Sends in frames of at most 32 KB, as API Gateway does. */
    public void send(Message message) {
        sendText(MessageCodec.encode(message));
    }

    /** Sends raw text (ASCII assumed) in frames of at most 32 KB. */
    public void sendText(String text) {
        int frame = ProtocolLimits.MAX_FRAME_BYTES;
        synchronized (this) {
            for (int start = 0; start < text.length(); start += frame) {
                int end = Math.min(text.length(), start + frame);
                session.sendPartialText(text.substring(start, end), end == text.length(), Callback.NOOP);
            }
        }
    }

    /** The next message of {@code type} the agent sent, skipping others. */
    public <T extends Message> T awaitMessage(Class<T> type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + timeout.toMillis() + " ms");
            }
            if (type.isInstance(next)) {
                return type.cast(next);
            }
        }
    }

    public int awaitClose(Duration timeout) throws InterruptedException {
        return await(closeCode, timeout, "close");
    }

    public List<ReceivedFrame> frames() {
        return List.copyOf(frames);
    }

    /** Drops the connection without a close frame. */
    public void disconnect() {
        session.disconnect();
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        }
    }
}
