package dev.httptunnel.admin;

import dev.httptunnel.lambda.adapter.apigateway.ManagementApiChannel;
import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbConnectionStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbTokenStore;
import dev.httptunnel.lambda.service.TokenAdmin;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A deployed stack, reached with the default AWS credential chain (environment, profiles, SSO) and the
 * stack's outputs: the tokens and connections tables in DynamoDB, the Management API to close connections.
 * The IAM policy this needs is the stack's {@code tokenAdminPolicy} output.
 */
final class StackTarget implements AdminTarget {

    private final StackOutputs outputs;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> dynamoDbEndpoint;

    StackTarget(StackOutputs outputs, Optional<String> region, AwsCredentialsProvider credentials,
                Optional<URI> dynamoDbEndpoint) {
        this.outputs = outputs;
        this.region = Region.of(region.or(outputs::region).orElseThrow(() -> new IllegalArgumentException(
                "no region in the stack's managementEndpoint " + outputs.managementEndpoint() + ": give --region")));
        this.credentials = credentials;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
    }

    static StackTarget of(StackOutputs outputs, Optional<String> region) {
        return new StackTarget(outputs, region, DefaultCredentialsProvider.builder().build(), Optional.empty());
    }

    @Override
    public String describe() {
        return "the stack whose tokens are in " + outputs.tokensTable() + " (" + region + ")";
    }

    @Override
    public int run(List<String> tokenArgs, PrintWriter out, PrintWriter err) {
        var dynamoDbBuilder = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(AwsClients.httpClientBuilder().build());
        dynamoDbEndpoint.ifPresent(dynamoDbBuilder::endpointOverride);
        try (DynamoDbClient dynamoDb = dynamoDbBuilder.build();
             ApiGatewayManagementApiClient managementApi = ApiGatewayManagementApiClient.builder()
                     .region(region).credentialsProvider(credentials).endpointOverride(outputs.managementEndpoint())
                     .httpClient(AwsClients.httpClientBuilder().build()).build()) {
            Clock clock = Clock.systemUTC();
            var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
            TokenAdmin admin = new TokenAdmin(new DynamoDbTokenStore(dynamoDb, outputs.tokensTable(), clock),
                    new DynamoDbConnectionStore(enhanced, outputs.connectionsTable(), clock),
                    new ManagementApiChannel(managementApi), clock);
            return TokenCommands.execute(() -> admin, tokenArgs, out, err);
        }
    }
}
