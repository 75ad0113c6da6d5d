package dev.httptunnel.local;

import dev.httptunnel.lambda.support.Dynalite;
import dev.httptunnel.local.storage.GatewayStorage;
import java.time.Clock;
import java.time.Duration;

/**
 * The end-to-end suite with the gateway on a DynamoDB-compatible server (dynalite): the handlers' real
 * DynamoDB adapters carry real tunnelled traffic.
 */
class DynamoDbTunnelEndToEndIT extends TunnelEndToEndSuite {

    /**
     * dynalite is one Node process; a burst of 100 requests (four calls each) queues there for seconds on
     * two cores, so the deadline leaves room for it.
     */
    @Override
    protected Duration deadline() {
        return Duration.ofSeconds(8);
    }

    @Override
    protected GatewayStorage newStorage() {
        return GatewayStorage.dynamoDb(Dynalite.shared().endpoint(), Clock.systemUTC());
    }
}
