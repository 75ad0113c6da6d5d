package dev.httptunnel.lambda.handler;

import dev.httptunnel.lambda.support.DynaliteTables;
import dev.httptunnel.lambda.support.TunnelHarness;
import java.time.Duration;

/** The connect contract with the real DynamoDB adapters: tokens and connections on a DynamoDB-compatible server. */
class DynamoDbConnectIT extends ConnectContract {

    @Override
    protected TunnelHarness harness() {
        return new DynaliteTables().harness(Duration.ofSeconds(5));
    }
}
