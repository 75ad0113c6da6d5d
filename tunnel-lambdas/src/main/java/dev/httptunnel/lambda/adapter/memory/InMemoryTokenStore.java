package dev.httptunnel.lambda.adapter.memory;

import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.port.NameTakenException;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.port.TokenStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tokens kept in this process: for tests and the single-machine gateway. One lock; tokens change rarely. */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, TokenRecord> tokens = new HashMap<>();
    private final Map<String, String> holders = new HashMap<>();

    @Override
    public synchronized void create(TokenRecord token) {
        if (tokens.containsKey(token.hash())) {
            throw new IllegalStateException("a token with this hash exists already: " + token.displayPrefix());
        }
        if (holders.containsKey(token.defaultName())) {
            throw new NameTakenException(token.defaultName());
        }
        holders.put(token.defaultName(), token.hash());
        tokens.put(token.hash(), token);
    }

    @Override
    public synchronized Optional<TokenRecord> find(String hash) {
        return Optional.ofNullable(tokens.get(hash));
    }

    @Override
    public synchronized boolean claimName(String hash, String name) {
        TokenRecord token = tokens.get(hash);
        String holder = holders.get(name);
        if (token == null || holder != null && !holder.equals(hash)) {
            return false;
        }
        holders.put(name, hash);
        tokens.put(hash, token.withName(name));
        return true;
    }

    @Override
    public synchronized Optional<String> holderOf(String name) {
        return Optional.ofNullable(holders.get(name));
    }

    @Override
    public synchronized void setGrants(String hash, List<NamePattern> grants) {
        tokens.computeIfPresent(hash, (h, token) -> token.withGrants(grants));
    }

    @Override
    public synchronized void revoke(String hash, Instant at) {
        tokens.computeIfPresent(hash, (h, token) -> token.revokedAt(at));
    }

    @Override
    public synchronized void recordUse(String hash, Instant at) {
        tokens.computeIfPresent(hash, (h, token) -> token.usedAt(at));
    }

    @Override
    public synchronized List<TokenRecord> list() {
        return List.copyOf(tokens.values());
    }
}
