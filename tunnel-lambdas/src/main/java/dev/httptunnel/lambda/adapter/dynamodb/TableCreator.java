package dev.httptunnel.lambda.adapter.dynamodb;

import java.time.Duration;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the tables exactly as the infrastructure program declares them, for the local gateway and
 * tests run against a DynamoDB-compatible server. TTL is not set here: such servers do not support it,
 * and the stores treat expired rows as absent anyway.
 */
public final class TableCreator {

    /**
     * The SDK's default waiter sleeps 20 s between checks: a local DynamoDB-compatible server answers a
     * second DescribeTable within milliseconds, DynamoDB within seconds. Checks start 50 ms apart and
     * double up to 2 s, for at most 5 minutes.
     */
    private static final WaiterOverrideConfiguration UNTIL_ACTIVE = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(50),
                    Duration.ofSeconds(2)))
            .waitTimeout(Duration.ofMinutes(5))
            .maxAttempts(1_000)
            .build();

    private final DynamoDbClient client;

    public TableCreator(DynamoDbClient client) {
        this.client = client;
    }

    public void createIfMissing(String connectionsTable, String pendingRequestsTable) {
        create(CreateTableRequest.builder()
                .tableName(connectionsTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(TableDesign.CONNECTION_ID),
                        stringAttribute(TableDesign.PUBLIC_SUBDOMAIN))
                .keySchema(hashKey(TableDesign.CONNECTION_ID))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(TableDesign.SUBDOMAIN_INDEX)
                        .keySchema(hashKey(TableDesign.PUBLIC_SUBDOMAIN))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build());
        create(CreateTableRequest.builder()
                .tableName(pendingRequestsTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(TableDesign.REQUEST_ID))
                .keySchema(hashKey(TableDesign.REQUEST_ID))
                .build());
    }

    /** The tokens table: one hash key, no index, no TTL (tokens and names are kept for good). */
    public void createTokensIfMissing(String tokensTable) {
        create(CreateTableRequest.builder()
                .tableName(tokensTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(TableDesign.TOKEN_KEY))
                .keySchema(hashKey(TableDesign.TOKEN_KEY))
                .build());
    }

    private void create(CreateTableRequest request) {
        try {
            client.createTable(request);
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        // Built on the caller's client, the waiter owns nothing to close.
        DynamoDbWaiter.builder().client(client).overrideConfiguration(UNTIL_ACTIVE).build()
                .waitUntilTableExists(r -> r.tableName(request.tableName()));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hashKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }
}
