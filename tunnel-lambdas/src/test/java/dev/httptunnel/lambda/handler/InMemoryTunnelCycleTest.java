package dev.httptunnel.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryTunnelCycleTest extends TunnelCycleContract {

    @Override
    protected TunnelHarness harness(Duration responseDeadline) {
        return TunnelHarness.inMemory(responseDeadline);
    }

    @Test
    void theInMemoryStore_dropsARequestOnceItsAnswerIsRead() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        tunnel.agents.respondWith("conn-1=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), 200, HeaderList.of("Content-Type", "text/plain"),
                "ok".getBytes(StandardCharsets.UTF_8)))));
        int before = tunnel.pendingRowCount();

        assertThat(tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", "")).getStatusCode()).isEqualTo(200);

        assertThat(tunnel.pendingRowCount()).isEqualTo(before);
    }
}
