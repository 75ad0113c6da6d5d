package dev.httptunnel.lambda.support;

import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbConnectionStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbPendingRequestStore;
import dev.httptunnel.lambda.adapter.dynamodb.TableCreator;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** A fresh pair of tables on the shared dynalite server, named like a deployed environment's. */
public final class DynaliteTables {

    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    public final String connectionsTable;
    public final String pendingRequestsTable;
    public final DynamoDbClient client;
    public final DynamoDbEnhancedClient enhancedClient;

    public DynaliteTables() {
        Dynalite dynalite = Dynalite.shared();
        String environment = "it" + ProcessHandle.current().pid() + "x" + ENVIRONMENTS.incrementAndGet();
        connectionsTable = TableDesign.connectionsTableName(environment);
        pendingRequestsTable = TableDesign.pendingRequestsTableName(environment);
        client = dynalite.client();
        enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        new TableCreator(client).createIfMissing(connectionsTable, pendingRequestsTable);
    }

    public DynamoDbConnectionStore connectionStore(Clock clock) {
        return new DynamoDbConnectionStore(enhancedClient, connectionsTable, clock);
    }

    public DynamoDbPendingRequestStore pendingRequestStore(Clock clock) {
        return new DynamoDbPendingRequestStore(enhancedClient, pendingRequestsTable, clock);
    }

    public int rowCount(String table) {
        return client.scan(r -> r.tableName(table).select(Select.COUNT)).count();
    }

    /** The whole service with its DynamoDB adapters on these tables. */
    public TunnelHarness harness(Duration responseDeadline) {
        Clock clock = Clock.systemUTC();
        return new TunnelHarness(responseDeadline, clock, connectionStore(clock), pendingRequestStore(clock),
                () -> rowCount(pendingRequestsTable));
    }
}
