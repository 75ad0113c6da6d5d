package dev.httptunnel.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalGatewayCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(int width, String... args) {
        CommandLine commandLine = LocalGatewayCommand.commandLine();
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(width);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    // picocli wraps at punctuation as well as at spaces: a URL in the help came out as 'http:' and '//...'.
    @Test
    void help_inAnyWidth_splitsNoAddressNorTheCommandToPaste() {
        for (int width = 60; width <= 160; width++) {
            out.getBuffer().setLength(0);

            assertThat(run(width, "--help")).isZero();

            assertThat(out.toString()).as("width %d", width).doesNotContain("://")
                    .contains("TUNNEL_TOKEN=$(cat TOKEN-FILE)");
        }
    }

    @Test
    void aUsageError_printsTheOneError_andPointsToHelp_notTheWholeUsage() {
        assertThat(run(80, "--http-port", "eighty")).isEqualTo(2);

        assertThat(err.toString()).startsWith("tunnel-local: ").contains("'eighty'")
                .contains("Try 'tunnel-local --help' for more information.").doesNotContain("--max-frame-bytes");
    }

    @Test
    void aRuleTheSettingsBreak_isAUsageError_ofOneLine() {
        assertThat(run(80, "--offline-hold", "25s", "--http-port", "0", "--ws-port", "0")).isEqualTo(2);

        assertThat(err.toString()).contains("offline hold").contains("--help").doesNotContain("Usage:");
    }
}
