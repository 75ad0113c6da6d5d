package dev.httptunnel.local.storage;

import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbConnectionStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbPendingRequestStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbTokenStore;
import dev.httptunnel.lambda.adapter.dynamodb.TableCreator;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;
import dev.httptunnel.lambda.adapter.memory.InMemoryConnectionStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryPendingRequestStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryTokenStore;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.lambda.port.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the handlers keep connections, pending requests and agent tokens. All handler instances of all four
 * functions share one store of each, as they share the three tables on AWS; the gateway's token
 * administration uses the same token store.
 *
 * @param description a line for the startup banner
 */
public record GatewayStorage(ConnectionStore connections, PendingRequestStore pendingRequests, TokenStore tokens,
                             String description, AutoCloseable resources) implements AutoCloseable {

    /** The environment part of the table names, {@code http-tunnel-connections-local} and so on. */
    public static final String ENVIRONMENT = "local";

    public static GatewayStorage inMemory(Clock clock) {
        return new GatewayStorage(new InMemoryConnectionStore(clock), new InMemoryPendingRequestStore(clock),
                new InMemoryTokenStore(), "in memory", () -> { });
    }

    /**
     * The DynamoDB adapters against any DynamoDB-compatible server at {@code endpoint}, creating the three
     * tables when they are missing. Credentials are static placeholders: such servers accept any.
     */
    public static GatewayStorage dynamoDb(URI endpoint, Clock clock) {
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(AwsClients.httpClientBuilder().socketTimeout(Duration.ofSeconds(10)).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .build();
        String connectionsTable = TableDesign.connectionsTableName(ENVIRONMENT);
        String pendingTable = TableDesign.pendingRequestsTableName(ENVIRONMENT);
        String tokensTable = TableDesign.tokensTableName(ENVIRONMENT);
        TableCreator tables = new TableCreator(client);
        tables.createIfMissing(connectionsTable, pendingTable);
        tables.createTokensIfMissing(tokensTable);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        return new GatewayStorage(new DynamoDbConnectionStore(enhanced, connectionsTable, clock),
                new DynamoDbPendingRequestStore(enhanced, pendingTable, clock),
                new DynamoDbTokenStore(client, tokensTable, clock),
                "DynamoDB at " + endpoint + " (tables " + connectionsTable + ", " + pendingTable + ", "
                        + tokensTable + ")", client);
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the storage (" + description + ")", e);
        }
    }
}
