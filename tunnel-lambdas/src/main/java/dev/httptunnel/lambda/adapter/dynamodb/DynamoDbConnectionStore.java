package dev.httptunnel.lambda.adapter.dynamodb;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Connections in DynamoDB: connection rows found through {@code subdomain-index}, and tunnel claims. */
public final class DynamoDbConnectionStore implements ConnectionStore {

    private final DynamoDbTable<ConnectionItem> table;
    private final DynamoDbIndex<ConnectionItem> bySubdomain;
    private final Clock clock;

    public DynamoDbConnectionStore(DynamoDbEnhancedClient client, String tableName, Clock clock) {
        this.table = client.table(tableName, ConnectionItem.SCHEMA);
        this.bySubdomain = table.index(TableDesign.SUBDOMAIN_INDEX);
        this.clock = clock;
    }

    @Override
    public boolean claimTunnel(String tunnelId, String connectionId, String tokenHash, Instant expiresAt) {
        ConnectionItem claim = new ConnectionItem();
        claim.setConnectionId(ConnectionItem.CLAIM_PREFIX + tunnelId);
        claim.setClaimedBy(connectionId);
        claim.setTokenHash(tokenHash);
        claim.setTtl(expiresAt.getEpochSecond());
        // A claim whose holder's time is up may be taken over even before TTL deletes it; one of the same
        // token at any time (its agent restarted).
        Expression freeExpiredOrOurs = Expression.builder()
                .expression("attribute_not_exists(#id) OR #ttl <= :now OR #token = :token")
                .expressionNames(Map.of("#id", TableDesign.CONNECTION_ID, "#ttl", TableDesign.TTL,
                        "#token", ConnectionItem.TOKEN_HASH))
                .expressionValues(Map.of(":now", number(clock.instant().getEpochSecond()),
                        ":token", AttributeValue.fromS(tokenHash)))
                .build();
        try {
            table.putItem(PutItemEnhancedRequest.builder(ConnectionItem.class).item(claim)
                    .conditionExpression(freeExpiredOrOurs).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void save(Connection connection) {
        ConnectionItem item = new ConnectionItem();
        item.setConnectionId(connection.connectionId());
        item.setPublicSubdomain(connection.tunnelId());
        item.setTokenHash(connection.tokenHash());
        item.setConnectedAt(connection.connectedAt().toEpochMilli());
        item.setTtl(connection.expiresAt().getEpochSecond());
        table.putItem(item);
    }

    @Override
    public Optional<Connection> find(String connectionId) {
        ConnectionItem item = table.getItem(r -> r.key(key(connectionId)).consistentRead(true));
        return toLiveConnection(item, clock.instant());
    }

    @Override
    public List<Connection> findByTunnel(String tunnelId) {
        Instant now = clock.instant();
        SdkIterable<Page<ConnectionItem>> pages = bySubdomain.query(r -> r
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(tunnelId))));
        return pages.stream()
                .flatMap(page -> page.items().stream())
                .map(item -> toLiveConnection(item, now))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public Optional<Connection> remove(String connectionId) {
        ConnectionItem removed = table.deleteItem(key(connectionId));
        if (removed == null || removed.getPublicSubdomain() == null) {
            return Optional.empty();
        }
        releaseClaim(removed.getPublicSubdomain(), connectionId);
        return Optional.of(toConnection(removed));
    }

    /** Deletes the tunnel's claim only if this connection still holds it. */
    private void releaseClaim(String tunnelId, String connectionId) {
        Expression heldByMe = Expression.builder()
                .expression("claimedBy = :me")
                .expressionValues(Map.of(":me", AttributeValue.fromS(connectionId)))
                .build();
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(key(ConnectionItem.CLAIM_PREFIX + tunnelId)).conditionExpression(heldByMe).build());
        } catch (ConditionalCheckFailedException e) {
            // Another connection holds the claim now (or none does): nothing of ours to release.
        }
    }

    private static Optional<Connection> toLiveConnection(ConnectionItem item, Instant now) {
        if (item == null || item.getPublicSubdomain() == null) {
            return Optional.empty();
        }
        Connection connection = toConnection(item);
        return connection.isExpiredAt(now) ? Optional.empty() : Optional.of(connection);
    }

    private static Connection toConnection(ConnectionItem item) {
        return new Connection(item.getConnectionId(), item.getPublicSubdomain(),
                item.getTokenHash() == null ? "" : item.getTokenHash(),
                Instant.ofEpochMilli(item.getConnectedAt() == null ? 0 : item.getConnectedAt()),
                Instant.ofEpochSecond(item.getTtl() == null ? 0 : item.getTtl()));
    }

    private static Key key(String connectionId) {
        return Key.builder().partitionValue(connectionId).build();
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
