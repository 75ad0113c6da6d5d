package dev.httptunnel.lambda.support;

import dev.httptunnel.lambda.adapter.aws.AwsClients;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A real DynamoDB-compatible server (dynalite, from {@code tools/dynalite}), one per test JVM. */
public final class Dynalite {

    private static Dynalite shared;

    private final NodeServer server;

    private Dynalite(NodeServer server) {
        this.server = server;
    }

    public static synchronized Dynalite shared() {
        if (shared == null || !shared.server.isAlive()) {
            shared = new Dynalite(NodeServer.start("dynalite", "node_modules/dynalite/cli.js", "listening",
                    List.of("--host", "127.0.0.1", "--port", "{port}", "--createTableMs", "0",
                            "--deleteTableMs", "0", "--updateTableMs", "0")));
        }
        return shared;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(AwsClients.httpClientBuilder().build())
                .build();
    }

    public DynamoDbEnhancedClient enhancedClient() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client()).build();
    }
}
