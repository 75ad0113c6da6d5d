package dev.httptunnel.lambda.adapter.aws;

import dev.httptunnel.lambda.adapter.apigateway.ManagementApiChannel;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbConnectionStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbPendingRequestStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbTokenStore;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.adapter.s3.S3BodyStore;
import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.lambda.port.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ports as a deployed handler has them: DynamoDB tables and the Management API, one client each. */
public final class AwsWiring {

    /** The agent may still be uploading a response when the deadline nears. */
    static final Duration BODY_URL_GRACE = Duration.ofSeconds(30);

    private final TunnelSettings settings;
    private final Clock clock;
    private DynamoDbClient dynamoDb;
    private DynamoDbEnhancedClient enhancedDynamoDb;

    public AwsWiring(TunnelSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public TunnelSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public ConnectionStore connectionStore() {
        return new DynamoDbConnectionStore(enhancedDynamoDb(), settings.connectionsTable(), clock);
    }

    public PendingRequestStore pendingRequestStore() {
        return new DynamoDbPendingRequestStore(enhancedDynamoDb(), settings.pendingRequestsTable(), clock);
    }

    public TokenStore tokenStore() {
        return new DynamoDbTokenStore(dynamoDb(), settings.tokensTable(), clock);
    }

    /** The S3 body store when a bucket is configured; presigned URLs live a little past the deadline. */
    public Optional<BodyStore> bodyStore() {
        if (settings.bodyBucket() == null) {
            return Optional.empty();
        }
        return Optional.of(new S3BodyStore(AwsClients.s3(), AwsClients.s3Presigner(), settings.bodyBucket(),
                settings.responseDeadline().plus(BODY_URL_GRACE)));
    }

    public AgentChannel agentChannel() {
        return new ManagementApiChannel(AwsClients.managementApi(settings.websocketApiEndpoint()));
    }

    private DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = AwsClients.dynamoDb();
        }
        return dynamoDb;
    }

    private DynamoDbEnhancedClient enhancedDynamoDb() {
        if (enhancedDynamoDb == null) {
            enhancedDynamoDb = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb()).build();
        }
        return enhancedDynamoDb;
    }
}
