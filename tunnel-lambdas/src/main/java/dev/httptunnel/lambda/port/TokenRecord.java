package dev.httptunnel.lambda.port;

import dev.httptunnel.identity.NamePattern;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the service knows of an agent token: never the secret, only its hash.
 *
 * @param hash SHA-256 of the token in hex ({@code AgentToken.hash()}), the key it is found by
 * @param displayPrefix what listings and logs show of it ({@code htun_Ab12Cd…})
 * @param defaultName the permanent name the token serves when its agent asks for none
 * @param grants further names the token may serve: exact names and prefix patterns
 * @param names every name the token has claimed, its default name included; a claimed name is never released
 * @param lastUsedAt the last admitted connect, if any
 * @param revokedAt when the owner revoked it; a revoked token is refused
 */
public record TokenRecord(String hash, String displayPrefix, String defaultName, List<NamePattern> grants,
                          Set<String> names, Instant createdAt, Optional<Instant> lastUsedAt,
                          Optional<Instant> revokedAt) {

    public TokenRecord {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(defaultName, "defaultName");
        Objects.requireNonNull(createdAt, "createdAt");
        grants = List.copyOf(grants);
        // Sorted, so a listing and a comparison in a test do not depend on the store's order.
        var held = new TreeSet<>(names);
        held.add(defaultName);
        names = Collections.unmodifiableSet(held);
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** A token as created: holding only its default name, never used. */
    public static TokenRecord created(String hash, String displayPrefix, String defaultName,
                                      List<NamePattern> grants, Instant createdAt) {
        return new TokenRecord(hash, displayPrefix, defaultName, grants, Set.of(defaultName), createdAt,
                Optional.empty(), Optional.empty());
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    /** Whether the token may ask for {@code name}: its default name, or one its grants match. */
    public boolean isGranted(String name) {
        return defaultName.equals(name) || grants.stream().anyMatch(grant -> grant.matches(name));
    }

    public TokenRecord withGrants(List<NamePattern> newGrants) {
        return new TokenRecord(hash, displayPrefix, defaultName, newGrants, names, createdAt, lastUsedAt, revokedAt);
    }

    public TokenRecord withName(String claimed) {
        var held = new TreeSet<>(names);
        held.add(claimed);
        return new TokenRecord(hash, displayPrefix, defaultName, grants, held, createdAt, lastUsedAt, revokedAt);
    }

    public TokenRecord usedAt(Instant at) {
        return new TokenRecord(hash, displayPrefix, defaultName, grants, names, createdAt, Optional.of(at), revokedAt);
    }

    /** Revoked at {@code at}, unless it was revoked before. */
    public TokenRecord revokedAt(Instant at) {
        return isRevoked() ? this
                : new TokenRecord(hash, displayPrefix, defaultName, grants, names, createdAt, lastUsedAt, Optional.of(at));
    }
}
