package dev.httptunnel.local;

import dev.httptunnel.local.storage.GatewayStorage;
import java.time.Clock;

/** The end-to-end suite with the gateway's default, in-memory storage. */
class InMemoryTunnelEndToEndIT extends TunnelEndToEndSuite {

    @Override
    protected GatewayStorage newStorage() {
        return GatewayStorage.inMemory(Clock.systemUTC());
    }
}
