package dev.httptunnel.local;

import dev.httptunnel.local.storage.GatewayStorage;
import java.time.Clock;

/** Tokens and names end to end, the gateway keeping them in memory. */
class InMemoryIdentityEndToEndIT extends IdentityEndToEndSuite {

    @Override
    protected GatewayStorage newStorage() {
        return GatewayStorage.inMemory(Clock.systemUTC());
    }
}
