package dev.httptunnel.agent.relay;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A request body as the local request reads it: its length and its bytes, either here already or streaming
 * from its download; {@code stream} is null for a body held whole.
 */
record RequestBody(long length, HttpRequest.BodyPublisher publisher, BufferStream stream) {

    /** A body already here. */
    static RequestBody of(byte[] body) {
        return new RequestBody(body.length, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), null);
    }

    /** A body of {@code length} bytes read from its download as the local request reads it. */
    static RequestBody streaming(long length, BufferStream stream) {
        return new RequestBody(length, HttpRequest.BodyPublishers.fromPublisher(stream, length), stream);
    }

    /** The same body, each buffer shown to {@code tee} as the local request reads it. */
    RequestBody teeing(Consumer<ByteBuffer> tee) {
        return new RequestBody(length, new TeeingPublisher(publisher, length, tee), stream);
    }

    /** Lets go of the download, read or not (the local request failed, or has its answer). */
    void discard() {
        if (stream != null) {
            stream.discard();
        }
    }

    /** Whether the local request is waiting for the download's next bytes right now. */
    boolean stalled() {
        return stream != null && stream.waitingForSource();
    }

    /** How the download broke off while being read, if it did. */
    Throwable brokenOff() {
        return stream == null ? null : stream.sourceFailure();
    }
}
