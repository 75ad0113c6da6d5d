package dev.httptunnel.lambda.support;

import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.AgentGoneException;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Plays the agents' side of the Management API: records what is posted to each connection and which
 * connections are closed, answers requests through a responder, and says 410 Gone for connections marked
 * gone or closed.
 */
public final class RecordingAgents implements AgentChannel {

    private final Map<String, List<Message>> sent = new ConcurrentHashMap<>();
    private final Map<String, Function<TunnelRequest, Optional<String>>> responders = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final List<String> disconnected = new CopyOnWriteArrayList<>();
    private volatile BiConsumer<String, String> deliverToService = (connectionId, body) -> {
        throw new IllegalStateException("no response handler wired");
    };

    /** Where agents' answers go: the response handler, as API Gateway's {@code $default} route would. */
    public void deliverAnswersTo(BiConsumer<String, String> service) {
        this.deliverToService = service;
    }

    /** How the agent on {@code connectionId} answers each request: an encoded message, or nothing. */
    public void respondWith(String connectionId, Function<TunnelRequest, Optional<String>> responder) {
        responders.put(connectionId, responder);
    }

    public void markGone(String connectionId) {
        gone.add(connectionId);
    }

    @Override
    public void send(String connectionId, byte[] encodedMessage) {
        Message message = MessageCodec.decode(encodedMessage);
        if (gone.contains(connectionId)) {
            throw new AgentGoneException(connectionId, null);
        }
        sent.computeIfAbsent(connectionId, id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(message);
        if (message instanceof TunnelRequest request) {
            responders.getOrDefault(connectionId, r -> Optional.empty()).apply(request)
                    .ifPresent(answer -> deliverToService.accept(connectionId, answer));
        }
    }

    /** What {@code DELETE @connections/{id}} does: the connection is gone from then on. */
    @Override
    public void disconnect(String connectionId) {
        if (!gone.add(connectionId)) {
            throw new AgentGoneException(connectionId, null);
        }
        disconnected.add(connectionId);
    }

    /** Connections closed through {@link #disconnect}, in order. */
    public List<String> disconnected() {
        return List.copyOf(disconnected);
    }

    public List<Message> sentTo(String connectionId) {
        return List.copyOf(sent.getOrDefault(connectionId, List.of()));
    }

    public <T extends Message> List<T> sentTo(String connectionId, Class<T> type) {
        return sentTo(connectionId).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
