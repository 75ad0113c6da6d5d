package dev.httptunnel.lambda.adapter.dynamodb;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Pending requests in DynamoDB. The answer is written with one conditional update, read with consistent reads. */
public final class DynamoDbPendingRequestStore implements PendingRequestStore {

    /**
     * The answer lands only on an existing, unanswered row of the answering connection (or, for a request
     * passed on, of its tunnel) whose deadline has not passed: a foreign, duplicate or late answer fails the
     * condition and creates nothing.
     */
    private static final String ANSWERABLE = "attribute_exists(#rid) AND attribute_not_exists(#answer)"
            + " AND #owner = :owner AND #deadline > :now";

    private final DynamoDbTable<PendingRequestItem> table;
    private final Clock clock;

    public DynamoDbPendingRequestStore(DynamoDbEnhancedClient client, String tableName, Clock clock) {
        this.table = client.table(tableName, PendingRequestItem.SCHEMA);
        this.clock = clock;
    }

    @Override
    public void create(PendingRequest request) {
        PendingRequestItem item = new PendingRequestItem();
        item.setRequestId(request.requestId());
        item.setConnectionId(request.connectionId());
        item.setTunnelId(request.tunnelId());
        item.setCreatedAt(request.createdAt().toEpochMilli());
        item.setDeadline(request.deadline().toEpochMilli());
        item.setTtl(request.expiresAt().getEpochSecond());
        table.putItem(item);
    }

    @Override
    public boolean answer(String requestId, String connectionId, String answerJson, Instant now) {
        return answerIf(requestId, PendingRequestItem.CONNECTION_ID, connectionId, answerJson, now);
    }

    @Override
    public boolean passOn(String requestId, String tunnelId, String answerJson, Instant now) {
        return answerIf(requestId, PendingRequestItem.TUNNEL_ID, tunnelId, answerJson, now);
    }

    private boolean answerIf(String requestId, String ownerAttribute, String owner, String answerJson, Instant now) {
        PendingRequestItem update = new PendingRequestItem();
        update.setRequestId(requestId);
        update.setAnswer(answerJson);
        update.setAnsweredAt(now.toEpochMilli());
        Expression condition = Expression.builder()
                .expression(ANSWERABLE)
                .expressionNames(Map.of("#rid", TableDesign.REQUEST_ID, "#answer", PendingRequestItem.ANSWER,
                        "#owner", ownerAttribute, "#deadline", PendingRequestItem.DEADLINE))
                .expressionValues(Map.of(":owner", AttributeValue.fromS(owner),
                        ":now", DynamoDbConnectionStore.number(now.toEpochMilli())))
                .build();
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(PendingRequestItem.class)
                    .item(update).ignoreNulls(true).conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<PendingRequest> find(String requestId) {
        PendingRequestItem item = table.getItem(r -> r.key(Key.builder().partitionValue(requestId).build())
                .consistentRead(true));
        if (item == null || item.getTtl() == null) {
            return Optional.empty();
        }
        PendingRequest request = new PendingRequest(item.getRequestId(), item.getConnectionId(), item.getTunnelId(),
                Instant.ofEpochMilli(item.getCreatedAt()), Instant.ofEpochMilli(item.getDeadline()),
                Instant.ofEpochSecond(item.getTtl()), Optional.ofNullable(item.getAnswer()),
                Optional.ofNullable(item.getAnsweredAt()).map(Instant::ofEpochMilli));
        return request.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(request);
    }
}
