package dev.httptunnel.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.config.TunnelFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs after {@code package}: the deployment jars hold their handler and the SDK's Apache HTTP client, and
 * neither Netty nor the URL-connection client (whose small POSTs wait on Nagle's algorithm).
 */
class ShadedJarsIT {

    private static final Path LAMBDA_DIR = Path.of("target", "lambda");

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void eachJar_containsItsHandler_andTheApacheClient(TunnelFunction function) throws IOException {
        List<String> entries = entries(function);

        assertThat(entries).contains(function.handlerClassName().replace('.', '/') + ".class");
        assertThat(entries).contains("software/amazon/awssdk/http/apache/ApacheHttpClient.class");
        assertThat(entries).contains("org/apache/http/impl/conn/PoolingHttpClientConnectionManager.class");
        assertThat(entries).contains("org/crac/Core.class");
    }

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void eachJar_leavesOutTheOtherHttpClients(TunnelFunction function) throws IOException {
        assertThat(entries(function)).noneMatch(name -> name.startsWith("io/netty/")
                || name.startsWith("software/amazon/awssdk/http/nio/netty/")
                || name.startsWith("software/amazon/awssdk/http/urlconnection/")
                || name.startsWith("software/amazon/awssdk/http/apache5/")
                || name.startsWith("org/apache/hc/"));
    }

    @ParameterizedTest
    @EnumSource(value = TunnelFunction.class, names = {"CONNECT", "DISCONNECT"})
    void connectAndDisconnect_leaveOutTheManagementApiClient(TunnelFunction function) throws IOException {
        assertThat(entries(function)).noneMatch(n -> n.startsWith("software/amazon/awssdk/services/apigatewaymanagementapi/"));
    }

    @ParameterizedTest
    @EnumSource(value = TunnelFunction.class, names = {"CONNECT", "DISCONNECT", "RESPONSE"})
    void onlyForwarding_carriesTheS3Client(TunnelFunction function) throws IOException {
        assertThat(entries(function)).noneMatch(n -> n.startsWith("software/amazon/awssdk/services/s3/"));
        assertThat(entries(TunnelFunction.FORWARDING)).contains("software/amazon/awssdk/services/s3/S3Client.class");
    }

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void eachJar_staysLean(TunnelFunction function) throws IOException {
        long size = Files.size(LAMBDA_DIR.resolve(function.jarFileName()));
        System.out.printf("%s: %.1f MB%n", function.jarFileName(), size / 1_048_576.0);
        // Lambda takes 50 MB zipped; the bound catches a heavy HTTP client or a stray dependency creeping in.
        assertThat(size).isLessThan(function == TunnelFunction.FORWARDING ? 20L * 1024 * 1024 : 15L * 1024 * 1024);
    }

    private static List<String> entries(TunnelFunction function) throws IOException {
        Path jar = LAMBDA_DIR.resolve(function.jarFileName());
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
