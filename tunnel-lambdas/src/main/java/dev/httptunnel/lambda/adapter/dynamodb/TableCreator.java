package dev.httptunnel.lambda.adapter.dynamodb;

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

/**
 * Creates the two tables exactly as the infrastructure program declares them, for the local gateway and
 * tests run against a DynamoDB-compatible server. TTL is not set here: such servers do not support it,
 * and the stores treat expired rows as absent anyway.
 */
public final class TableCreator {

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

    private void create(CreateTableRequest request) {
        try {
            client.createTable(request);
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hashKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }
}
