package dev.httptunnel.local;

import dev.httptunnel.lambda.support.Dynalite;
import dev.httptunnel.local.storage.GatewayStorage;
import java.time.Clock;

/** Tokens and names end to end, the gateway keeping them on a DynamoDB-compatible server (dynalite). */
class DynamoDbIdentityEndToEndIT extends IdentityEndToEndSuite {

    @Override
    protected GatewayStorage newStorage() {
        return GatewayStorage.dynamoDb(Dynalite.shared().endpoint(), Clock.systemUTC());
    }
}
