package dev.httptunnel.agent.inspect;

import dev.httptunnel.agent.relay.RelayTap;
import dev.httptunnel.protocol.TunnelRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Opens a {@link CaptureTap} for every request the agent relays, naming the tunnel it arrived on. */
final class CaptureTaps implements RelayTap.Factory {

    private final CaptureWriter writer;
    private final int bodyCap;
    private final Supplier<String> tunnel;

    CaptureTaps(CaptureWriter writer, int bodyCap, Supplier<String> tunnel) {
        this.writer = writer;
        this.bodyCap = bodyCap;
        this.tunnel = tunnel;
    }

    @Override
    public RelayTap open(TunnelRequest request, long receivedAtNanos) {
        return new CaptureTap(writer, request, receivedAtNanos, tunnel.get(), null, bodyCap, null);
    }

    /** A replay's tap: linked to {@code replayOf}, completing {@code stored} once its capture is stored. */
    RelayTap open(TunnelRequest request, long receivedAtNanos, String tunnelName, String replayOf,
                  CompletableFuture<Capture> stored) {
        return new CaptureTap(writer, request, receivedAtNanos, tunnelName, replayOf, bodyCap, stored);
    }
}
