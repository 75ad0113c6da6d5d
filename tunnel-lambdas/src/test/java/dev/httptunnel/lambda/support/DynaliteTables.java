package dev.httptunnel.lambda.support;

import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbConnectionStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbPendingRequestStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbTokenStore;
import dev.httptunnel.lambda.adapter.dynamodb.TableCreator;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;
import dev.httptunnel.lambda.adapter.s3.S3BodyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** A fresh set of tables on the shared dynalite server, named like a deployed environment's. */
public final class DynaliteTables {

    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    public final String connectionsTable;
    public final String pendingRequestsTable;
    public final String tokensTable;
    public final DynamoDbClient client;
    public final DynamoDbEnhancedClient enhancedClient;

    public DynaliteTables() {
        Dynalite dynalite = Dynalite.shared();
        String environment = "it" + ProcessHandle.current().pid() + "x" + ENVIRONMENTS.incrementAndGet();
        connectionsTable = TableDesign.connectionsTableName(environment);
        pendingRequestsTable = TableDesign.pendingRequestsTableName(environment);
        tokensTable = TableDesign.tokensTableName(environment);
        client = dynalite.client();
        enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        new TableCreator(client).createIfMissing(connectionsTable, pendingRequestsTable);
        new TableCreator(client).createTokensIfMissing(tokensTable);
    }

    public DynamoDbConnectionStore connectionStore(Clock clock) {
        return new DynamoDbConnectionStore(enhancedClient, connectionsTable, clock);
    }

    public DynamoDbPendingRequestStore pendingRequestStore(Clock clock) {
        return new DynamoDbPendingRequestStore(enhancedClient, pendingRequestsTable, clock);
    }

    public DynamoDbTokenStore tokenStore(Clock clock) {
        return new DynamoDbTokenStore(client, tokensTable, clock);
    }

    public int rowCount(String table) {
        return client.scan(r -> r.tableName(table).select(Select.COUNT)).count();
    }

    /** The whole service with its real adapters: DynamoDB on these tables, S3 on a fresh s3rver bucket. */
    public TunnelHarness harness(Duration responseDeadline) {
        Clock clock = Clock.systemUTC();
        S3rver s3rver = S3rver.shared();
        String bucket = s3rver.createBucket(connectionsTable.replace("http-tunnel-connections-", "bodies-"));
        S3BodyStore bodies = new S3BodyStore(s3rver.client(), s3rver.presigner(), bucket, Duration.ofMinutes(1));
        return new TunnelHarness(responseDeadline, clock, connectionStore(clock), pendingRequestStore(clock),
                () -> rowCount(pendingRequestsTable), tokenStore(clock), bodies, new HttpBodyUrlClient());
    }
}
