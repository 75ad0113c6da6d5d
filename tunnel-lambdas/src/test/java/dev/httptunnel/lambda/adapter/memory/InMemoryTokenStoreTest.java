package dev.httptunnel.lambda.adapter.memory;

import dev.httptunnel.lambda.adapter.TokenStoreContract;
import dev.httptunnel.lambda.port.TokenStore;

class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    protected TokenStore newStore() {
        return new InMemoryTokenStore();
    }
}
