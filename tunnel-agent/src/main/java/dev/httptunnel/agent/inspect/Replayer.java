package dev.httptunnel.agent.inspect;

import dev.httptunnel.agent.relay.LocalRelay;
import dev.httptunnel.agent.relay.RelayTap;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.TunnelRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a captured request again, as captured or edited, straight to the local service through the
 * agent's own relay (not through the tunnel), and captures the replay linked to its original. A replay's
 * response is answered inline, so one larger than a tunnel message is refused as it would be without an
 * upload URL.
 */
final class Replayer {

    private final LocalRelay relay;
    private final Executor blockingWork;
    private final CaptureTaps taps;
    private final AtomicLong count = new AtomicLong();

    Replayer(LocalRelay relay, Executor blockingWork, CaptureTaps taps) {
        this.relay = relay;
        this.blockingWork = blockingWork;
        this.taps = taps;
    }

    /**
     * The replay's capture, once stored.
     *
     * @throws IllegalArgumentException when an edit is not a valid request, or the captured body was cut and
     *     no body is given instead
     */
    CompletableFuture<Capture> replay(Capture original, ReplayEdits edits) {
        if (edits.body() == null && original.requestBody().truncated()) {
            throw new IllegalArgumentException("the captured body was " + original.requestBody().cutMark()
                    + ", so it cannot be sent again as it was; give a body to send instead");
        }
        String target = edits.target() == null ? original.target() : edits.target();
        int question = target.indexOf('?');
        TunnelRequest request = TunnelRequest.of("replay-" + count.incrementAndGet(),
                edits.method() == null ? original.method() : edits.method(),
                question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1),
                new HeaderList(edits.headers() == null ? original.requestHeaders() : edits.headers()),
                edits.body() == null ? original.requestBody().bytes() : edits.body());
        CompletableFuture<Capture> stored = new CompletableFuture<>();
        long now = System.nanoTime();
        RelayTap tap = taps.open(request, now, original.tunnel(), original.id(), stored);
        // Without the dispatcher in between, the tap is told of the answer here, once.
        AtomicBoolean answered = new AtomicBoolean();
        relay.relay(request, now, blockingWork, tap, outcome -> {
            if (answered.compareAndSet(false, true)) {
                tap.answered(outcome);
            }
        });
        return stored;
    }
}
