package dev.httptunnel.lambda.adapter.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * SDK clients for the Lambda runtime: the Apache HTTP client (see {@link #httpClientBuilder}), credentials
 * from Lambda's variables or, under SnapStart, its container endpoint (no probing of other sources), the
 * region from {@code AWS_REGION}, explicit timeouts.
 */
public final class AwsClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(timeouts())
                .build();
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

    /**
     * Checksums only where S3 requires them, as in the tests: the default streams uploads in aws-chunked
     * encoding with a trailing CRC, which S3-compatible test servers store verbatim. TLS guards the bytes.
     */
    public static S3Client s3() {
        return S3Client.builder()
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(httpClient())
                .credentialsProvider(credentials())
                .region(region())
                .overrideConfiguration(timeouts())
                .build();
    }

    /** Presigning is local arithmetic on the function's credentials; it makes no call. */
    public static S3Presigner s3Presigner() {
        return S3Presigner.builder().credentialsProvider(credentials()).region(region()).build();
    }

    private static SdkHttpClient httpClient() {
        return httpClientBuilder().build();
    }

    /**
     * The SDK's Apache client, also used by the local gateway and the tests. Not the URL-connection client:
     * it writes a request's headers and body as two TCP segments without {@code TCP_NODELAY}, so Nagle's
     * algorithm holds the body until the server acknowledges the headers. Every call of the hot path (a
     * DynamoDB write, each read while polling, {@code postToConnection}) is such a small POST; this client
     * sends the request in one write with {@code TCP_NODELAY} on.
     */
    public static ApacheHttpClient.Builder httpClientBuilder() {
        return ApacheHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT);
    }

    /**
     * Lambda's variables first (no probing on a cold start); under SnapStart, Lambda hands restored
     * functions their credentials through the container credentials endpoint instead
     * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), so that comes next.
     */
    static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build();
    }
}
