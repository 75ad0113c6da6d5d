package dev.httptunnel.lambda.port;

import dev.httptunnel.identity.NamePattern;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where agent tokens and the names they hold are kept. Every write is conditional on one item, so that
 * a name is held by one token only, ever: a claimed name is never released, not by an ungrant, not by a
 * revocation. Reads are strongly consistent.
 */
public interface TokenStore {

    /**
     * Stores a new token and claims its default name.
     *
     * @throws NameTakenException when another token holds the default name (nothing of the token is stored)
     * @throws IllegalStateException when a token with this hash exists already
     */
    void create(TokenRecord token);

    /** The token with this hash, revoked or not. */
    Optional<TokenRecord> find(String hash);

    /**
     * Claims {@code name} for the token: true when it is this token's now (it was free, or this token
     * held it already), false when another token holds it. Says nothing of grants: the caller checks them.
     */
    boolean claimName(String hash, String name);

    /** The hash of the token holding {@code name}, if one does. */
    Optional<String> holderOf(String name);

    /** Replaces the token's grants; names it claimed stay its own. Never creates a token. */
    void setGrants(String hash, List<NamePattern> grants);

    /** Marks the token revoked at {@code at} (the first revocation's time is kept). Never creates a token. */
    void revoke(String hash, Instant at);

    /** Records an admitted connect; never creates a token. */
    void recordUse(String hash, Instant at);

    /** Every token, for the owner's listing: a full read of the store (a Scan on DynamoDB). */
    List<TokenRecord> list();
}
