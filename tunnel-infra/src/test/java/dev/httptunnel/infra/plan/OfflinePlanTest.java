package dev.httptunnel.infra.plan;

import dev.httptunnel.infra.config.StackSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OfflinePlanTest {

    @Test
    void plan_listsEveryResourceWithItsInputs_andTheOutputs() {
        var settings = StackSettings.from(StackConfigFile.read(Path.of("Pulumi.prod.yaml")), Path.of("/jars"));
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
}
