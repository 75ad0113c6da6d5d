package dev.httptunnel.lambda.support;

import dev.httptunnel.lambda.adapter.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A real S3-compatible server (s3rver, from {@code tools/s3rver}), one per test JVM, with its fixed
 * credentials {@code S3RVER}/{@code S3RVER}. It predates aws-chunked uploads, so clients send whole
 * payloads to it.
 */
public final class S3rver {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));
    private static S3rver shared;

    private final NodeServer server;

    private S3rver(NodeServer server) {
        this.server = server;
    }

    public static synchronized S3rver shared() {
        if (shared == null || !shared.server.isAlive()) {
            try {
                String directory = Files.createTempDirectory("s3rver").toString();
                shared = new S3rver(NodeServer.start("s3rver", "node_modules/s3rver/bin/s3rver.js", "listening",
                        List.of("--directory", directory, "--address", "127.0.0.1", "--port", "{port}",
                                "--no-vhost-buckets")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false).build())
                .httpClient(AwsClients.httpClientBuilder().build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** A new, empty bucket. */
    public String createBucket(String name) {
        client().createBucket(r -> r.bucket(name));
        return name;
    }
}
