package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: the jar {@code make run} starts holds the gateway's command and the demo
 * app, and none of the benchmarks, which live in tunnel-bench.
 */
class GatewayJarIT {

    private static final Path JAR = Path.of("target", "tunnel-local.jar");

    @Test
    void jar_holdsTheGatewayCommand_andTheSampleApp() throws IOException {
        assertThat(entries()).contains("dev/httptunnel/local/cli/LocalGatewayCommand.class",
                "dev/httptunnel/local/sample/SampleApp.class");
    }

    @Test
    void jar_holdsNoBenchmark() throws IOException {
        assertThat(entries()).noneMatch(name -> name.startsWith("dev/httptunnel/")
                && (name.contains("/bench/") || name.contains("Benchmark")));
    }

    private static List<String> entries() throws IOException {
        assertThat(JAR).exists();
        try (JarFile file = new JarFile(JAR.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
