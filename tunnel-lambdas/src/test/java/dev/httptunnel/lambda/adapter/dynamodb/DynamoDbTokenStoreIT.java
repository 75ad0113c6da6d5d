package dev.httptunnel.lambda.adapter.dynamodb;

import dev.httptunnel.lambda.adapter.TokenStoreContract;
import dev.httptunnel.lambda.port.TokenStore;
import dev.httptunnel.lambda.support.DynaliteTables;
import java.time.Clock;

/** The token store contract against a real DynamoDB-compatible server, on a table of its own. */
class DynamoDbTokenStoreIT extends TokenStoreContract {

    @Override
    protected TokenStore newStore() {
        return new DynaliteTables().tokenStore(Clock.systemUTC());
    }
}
