package dev.httptunnel.lambda.handler;

import dev.httptunnel.lambda.support.TunnelHarness;
import java.time.Duration;

class InMemoryLargeBodiesTest extends LargeBodiesContract {

    @Override
    protected TunnelHarness harness(Duration responseDeadline) {
        return TunnelHarness.inMemory(responseDeadline);
    }
}
