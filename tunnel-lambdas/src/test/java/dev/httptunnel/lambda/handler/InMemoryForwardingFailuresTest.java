package dev.httptunnel.lambda.handler;

import dev.httptunnel.lambda.support.TunnelHarness;
import java.time.Duration;

class InMemoryForwardingFailuresTest extends ForwardingFailuresContract {

    @Override
    protected TunnelHarness harness(Duration responseDeadline) {
        return TunnelHarness.inMemory(responseDeadline);
    }
}
