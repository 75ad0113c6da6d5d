package dev.httptunnel.infra.plan;

import dev.httptunnel.infra.config.ConfigSource;
import dev.httptunnel.infra.config.StackSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OfflinePlanTest {

    private static final Path JARS = Path.of("/jars");
    private static final ConfigSource COMMITTED_PROD = StackConfigFile.read(Path.of("Pulumi.prod.yaml"));

    /** The committed prod file plus the certificate its owner sets before the first deploy. */
    private static final ConfigSource CONFIGURED_PROD = (namespace, key) ->
            (namespace + ":" + key).equals("http-tunnel:certificateArn")
                    ? Optional.of("arn:aws:acm:us-east-1:210987654321:certificate/4f1c9a2e-7b3d-4e8a-9c51-2d6f0b8e3a17")
                    : COMMITTED_PROD.get(namespace, key);

    @Test
    void plan_listsEveryResourceWithItsInputs_andTheOutputs() {
        var settings = StackSettings.from(CONFIGURED_PROD, JARS);
        var result = MockedStack.run(settings, "prod");
        var bytes = new ByteArrayOutputStream();
        OfflinePlan.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "prod", settings, result);
        String plan = bytes.toString(StandardCharsets.UTF_8);

        assertThat(plan).contains("=== stack prod: " + result.resources().size() + " resources in us-east-1 ===")
                .contains("[forwarding-function]")
                .contains("  + aws:lambda/function:Function  forwarding-handler")
                .contains("      runtime = java21")
                .contains("      memorySize = 512")
                .contains("      code = FileArchive(/jars/forwarding.jar)")
                .contains("[websocket / connect-route]")
                .contains("  customDomainName = *.tunnel.example.com")
                .doesNotContain("FAILED");
        for (RecordedResource resource : result.resources()) {
            assertThat(plan).contains("  + " + resource.type() + "  " + resource.name() + "\n");
        }
    }

    @Test
    void committedProdWithoutACertificate_isNotPlanned_andSaysWhyBeforeAnyResource() {
        var bytes = new ByteArrayOutputStream();
        boolean planned = OfflinePlan.plan(new PrintStream(bytes, true, StandardCharsets.UTF_8), "prod", COMMITTED_PROD, JARS);
        String plan = bytes.toString(StandardCharsets.UTF_8);

        assertThat(planned).isFalse();
        assertThat(plan).contains("=== stack prod: not planned")
                .contains("enableCustomDomain is true but neither http-tunnel:certificateArn nor http-tunnel:hostedZoneId is set")
                .doesNotContain("  + aws:");
    }

    @Test
    void committedDev_isPlanned() {
        var bytes = new ByteArrayOutputStream();
        var dev = StackConfigFile.read(Path.of("Pulumi.dev.yaml"));
        assertThat(OfflinePlan.plan(new PrintStream(bytes, true, StandardCharsets.UTF_8), "dev", dev, JARS)).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("  + aws:lambda/function:Function  forwarding-handler");
    }
}
