package dev.httptunnel.lambda.adapter.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients for the Lambda runtime: the small URL-connection HTTP client, credentials and region read
 * straight from the variables Lambda sets (no provider-chain probing on a cold start), explicit timeouts.
 */
public final class AwsClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private AwsClients() {
    }

    public static DynamoDbEnhancedClient dynamoDb() {
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(httpClient())
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(timeouts())
                .build();
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    /** @param endpoint {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}} */
    public static ApiGatewayManagementApiClient managementApi(URI endpoint) {
        return ApiGatewayManagementApiClient.builder()
                .httpClient(httpClient())
                .credentialsProvider(credentials())
                .region(region())
                .endpointOverride(endpoint)
                .overrideConfiguration(timeouts())
                .build();
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    private static AwsCredentialsProvider credentials() {
        return EnvironmentVariableCredentialsProvider.create();
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build();
    }
}
