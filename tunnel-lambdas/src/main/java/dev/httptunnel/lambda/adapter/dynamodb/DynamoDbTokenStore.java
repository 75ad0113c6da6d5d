package dev.httptunnel.lambda.adapter.dynamodb;

import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.port.NameTakenException;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.port.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Tokens in a table of their own ({@link TableDesign#TOKENS_TABLE_PREFIX}), two kinds of item under one hash
 * key (see {@link TokenItems}): {@code token#<hash>} and {@code name#<name>}, the name's holder. The name
 * items alone decide who holds a name; a token's {@code names} set is a copy written after them.
 *
 * <p>Every write is a conditional write of one item, never a transaction (DynamoDB-compatible test servers
 * lack them), in an order after which a crash between two writes never lets two tokens hold one name: the
 * name item is always written first, so a crash can at worst leave a name held by a token whose item lacks
 * it (the next claim of that name by the same token repairs the copy; no other token can take it).
 */
public final class DynamoDbTokenStore implements TokenStore {

    private static final String IS_NEW = "attribute_not_exists(#id)";
    private static final String EXISTS = "attribute_exists(#id)";
    private static final Map<String, String> ID = Map.of("#id", TableDesign.TOKEN_KEY);

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoDbTokenStore(DynamoDbClient client, String tableName, Clock clock) {
        this.client = client;
        this.table = tableName;
        this.clock = clock;
    }

    @Override
    public void create(TokenRecord token) {
        // Name first: a crash before the token item leaves the default name held by a token that does not
        // exist, lost to everyone, which is safe.
        try {
            client.putItem(r -> r.tableName(table).item(TokenItems.nameItem(token.defaultName(), token.hash(),
                    token.createdAt())).conditionExpression(IS_NEW).expressionAttributeNames(ID));
        } catch (ConditionalCheckFailedException e) {
            throw new NameTakenException(token.defaultName());
        }
        try {
            client.putItem(r -> r.tableName(table).item(TokenItems.tokenItem(token))
                    .conditionExpression(IS_NEW).expressionAttributeNames(ID));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("a token with this hash exists already: " + token.displayPrefix(), e);
        }
    }

    @Override
    public Optional<TokenRecord> find(String hash) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
                .key(TokenItems.key(TokenItems.tokenId(hash))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TokenItems.toRecord(item));
    }

    @Override
    public boolean claimName(String hash, String name) {
        // A read first, so that an unknown token claims nothing (it happens once per name and token).
        if (find(hash).isEmpty()) {
            return false;
        }
        try {
            client.putItem(r -> r.tableName(table).item(TokenItems.nameItem(name, hash, clock.instant()))
                    .conditionExpression(IS_NEW + " OR #holder = :me")
                    .expressionAttributeNames(Map.of("#id", TableDesign.TOKEN_KEY, "#holder", TokenItems.HOLDER))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(hash))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        update(hash, "ADD #names :name", Map.of("#names", TokenItems.NAMES),
                Map.of(":name", AttributeValue.fromSs(List.of(name))));
        return true;
    }

    @Override
    public Optional<String> holderOf(String name) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
                .key(TokenItems.key(TokenItems.nameId(name))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.ofNullable(item.get(TokenItems.HOLDER)).map(AttributeValue::s);
    }

    @Override
    public void setGrants(String hash, List<NamePattern> grants) {
        update(hash, "SET #grants = :grants", Map.of("#grants", TokenItems.GRANTS),
                Map.of(":grants", TokenItems.grants(grants)));
    }

    @Override
    public void revoke(String hash, Instant at) {
        update(hash, "SET #revoked = if_not_exists(#revoked, :at)", Map.of("#revoked", TokenItems.REVOKED_AT),
                Map.of(":at", TokenItems.millis(at)));
    }

    @Override
    public void recordUse(String hash, Instant at) {
        update(hash, "SET #used = :at", Map.of("#used", TokenItems.LAST_USED_AT), Map.of(":at", TokenItems.millis(at)));
    }

    @Override
    public List<TokenRecord> list() {
        return client.scanPaginator(r -> r.tableName(table).filterExpression("begins_with(#id, :token)")
                        .expressionAttributeNames(ID)
                        .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(TokenItems.TOKEN_PREFIX))))
                .items().stream().map(TokenItems::toRecord).toList();
    }

    /** One conditional update of an existing token item; an unknown token is left absent. */
    private void update(String hash, String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        var allNames = new HashMap<>(names);
        allNames.putAll(ID);
        try {
            client.updateItem(r -> r.tableName(table).key(TokenItems.key(TokenItems.tokenId(hash)))
                    .updateExpression(expression).conditionExpression(EXISTS)
                    .expressionAttributeNames(allNames).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException unknownToken) {
            // Nothing to update; the condition kept the write from creating a token item.
        }
    }
}
