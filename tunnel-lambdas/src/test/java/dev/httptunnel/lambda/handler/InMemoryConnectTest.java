package dev.httptunnel.lambda.handler;

import dev.httptunnel.lambda.support.TunnelHarness;
import java.time.Duration;

class InMemoryConnectTest extends ConnectContract {

    @Override
    protected TunnelHarness harness() {
        return TunnelHarness.inMemory(Duration.ofSeconds(5));
    }
}
