package dev.httptunnel.bench.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@link RelayLatencyBenchmark} briefly in a JVM of its own (the JDK server's TCP_NODELAY property is
 * read once per JVM, and other tests' local apps start first here) and prints its figures. The only bound
 * is a very generous one on the agent's p50, to catch a relay that has fallen back into a 40 ms stall.
 */
@Timeout(120)
class RelayLatencyIT {

    @Test
    void relayLatency_isPrinted_andTheAgentsMedianStaysFarUnderAStall() throws Exception {
        Process bench = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"),
                RelayLatencyBenchmark.class.getName(), "500", "300", "1,8", "10", "30")
                .redirectErrorStream(true)
                .start();
        String output = read(bench);
        boolean ended = bench.waitFor(100, TimeUnit.SECONDS);
        System.out.println("Relay latency on loopback (ms):");
        System.out.println(output);

        assertThat(ended).isTrue();
        assertThat(bench.exitValue()).as(output).isZero();
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
