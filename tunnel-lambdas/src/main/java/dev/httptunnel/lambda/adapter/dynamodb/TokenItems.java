package dev.httptunnel.lambda.adapter.dynamodb;

import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.port.TokenRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The two item kinds of the tokens table, keyed by {@link TableDesign#TOKEN_KEY}:
 * {@code token#<sha256>} (displayPrefix, defaultName, grants as a list, names as a string set, createdAt,
 * lastUsedAt, revokedAt in epoch milliseconds) and {@code name#<name>} (holder: the token's hash, claimedAt).
 */
final class TokenItems {

    static final String TOKEN_PREFIX = "token#";
    static final String NAME_PREFIX = "name#";
    static final String HOLDER = "holder";
    static final String GRANTS = "grants";
    static final String NAMES = "names";
    static final String LAST_USED_AT = "lastUsedAt";
    static final String REVOKED_AT = "revokedAt";
    private static final String DISPLAY_PREFIX = "displayPrefix";
    private static final String DEFAULT_NAME = "defaultName";
    private static final String CREATED_AT = "createdAt";
    private static final String CLAIMED_AT = "claimedAt";

    private TokenItems() {
    }

    static String tokenId(String hash) {
        return TOKEN_PREFIX + hash;
    }

    static String nameId(String name) {
        return NAME_PREFIX + name;
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(TableDesign.TOKEN_KEY, AttributeValue.fromS(id));
    }

    static Map<String, AttributeValue> nameItem(String name, String holder, Instant claimedAt) {
        return Map.of(TableDesign.TOKEN_KEY, AttributeValue.fromS(nameId(name)), HOLDER, AttributeValue.fromS(holder),
                CLAIMED_AT, millis(claimedAt));
    }

    static Map<String, AttributeValue> tokenItem(TokenRecord token) {
        var item = new HashMap<String, AttributeValue>();
        item.put(TableDesign.TOKEN_KEY, AttributeValue.fromS(tokenId(token.hash())));
        item.put(DISPLAY_PREFIX, AttributeValue.fromS(token.displayPrefix()));
        item.put(DEFAULT_NAME, AttributeValue.fromS(token.defaultName()));
        item.put(GRANTS, grants(token.grants()));
        item.put(NAMES, AttributeValue.fromSs(List.copyOf(token.names())));
        item.put(CREATED_AT, millis(token.createdAt()));
        token.lastUsedAt().ifPresent(at -> item.put(LAST_USED_AT, millis(at)));
        token.revokedAt().ifPresent(at -> item.put(REVOKED_AT, millis(at)));
        return item;
    }

    static TokenRecord toRecord(Map<String, AttributeValue> item) {
        String hash = item.get(TableDesign.TOKEN_KEY).s().substring(TOKEN_PREFIX.length());
        AttributeValue grants = item.get(GRANTS);
        AttributeValue names = item.get(NAMES);
        return new TokenRecord(hash, item.get(DISPLAY_PREFIX).s(), item.get(DEFAULT_NAME).s(),
                grants == null ? List.of() : grants.l().stream().map(g -> NamePattern.of(g.s())).toList(),
                names == null ? Set.of() : Set.copyOf(names.ss()),
                instant(item.get(CREATED_AT)).orElse(Instant.EPOCH),
                instant(item.get(LAST_USED_AT)), instant(item.get(REVOKED_AT)));
    }

    /** A list, not a string set: DynamoDB has no empty sets, and the owner's order is kept for listings. */
    static AttributeValue grants(List<NamePattern> grants) {
        return AttributeValue.fromL(grants.stream().map(g -> AttributeValue.fromS(g.text())).toList());
    }

    static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    private static Optional<Instant> instant(AttributeValue value) {
        return value == null || value.n() == null ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(Long.parseLong(value.n())));
    }
}
