package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.TunnelRequest;
import java.nio.ByteBuffer;

/**
 * What one relay lets an observer see as it happens: when the request went to the local service, when the
 * response's headers came back, the bytes of bodies that stream instead of travelling inline, and the
 * answer. Called on the relay's own threads, so an implementation must return at once and never block;
 * buffers are read-only views it must copy from, not keep.
 */
public interface RelayTap {

    RelayTap NONE = new RelayTap() {
    };

    /** Opens a tap for each request as the dispatcher receives it. */
    @FunctionalInterface
    interface Factory {
        Factory NONE = (request, receivedAtNanos) -> RelayTap.NONE;

        RelayTap open(TunnelRequest request, long receivedAtNanos);
    }

    /** The request is on its way to the local service. */
    default void sentToApp() {
    }

    /** The local service's status and headers are in. */
    default void responseStarted() {
    }

    /** Bytes of a request body that streams from its download (an inline body is in the request). */
    default void requestBody(ByteBuffer chunk) {
    }

    /** Bytes of a response body that does not travel inline (streamed or uploaded whole). */
    default void responseBody(ByteBuffer chunk) {
    }

    /** The single answer, as handed to the connection. */
    default void answered(RelayOutcome outcome) {
    }
}
