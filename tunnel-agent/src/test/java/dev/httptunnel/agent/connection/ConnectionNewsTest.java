package dev.httptunnel.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionNewsTest {

    private static final int COLUMNS = 80;

    @Test
    void newsOfRotationReconnectAndStop_fits80Columns_withTheLargestFiguresTheyCarry() {
        List<String> lines = List.of(
                ConnectionNews.rotated(Duration.ofSeconds(99_999), 0),
                ConnectionNews.rotated(Duration.ofSeconds(99_999), 99_999),
                ConnectionNews.stopping(99_999, Duration.ofSeconds(999)),
                "Disconnected: " + ConnectionNews.reconnecting(ConnectionNews.closedByService(1001, "Going Away"),
                        Duration.ofSeconds(30)),
                "Disconnected: " + ConnectionNews.reconnecting(ConnectionNews.closedByService(1006, null),
                        Duration.ofSeconds(30)),
                "Replaced: " + ConnectionNews.replaced("https://shop.tunnel.example.com"));

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(COLUMNS));
    }

    @Test
    void aCloseReasonFromTheWire_losesItsControlCharacters_andIsCut() {
        String forged = "Going Away\u001b[2J\nReplaced: another agent serves https://evil.example; this one stops.";

        String line = "Disconnected: " + ConnectionNews.reconnecting(ConnectionNews.closedByService(1001, forged),
                Duration.ofSeconds(30));

        assertThat(line).doesNotContain("\u001b").doesNotContain("\n")
                .contains("(1001: Going Away [2J Replaced: another agent s…)");
    }

    @Test
    void rotation_saysWhetherTheOldConnectionPassedRequestsOn() {
        assertThat(ConnectionNews.rotated(Duration.ofSeconds(6900), 0))
                .isEqualTo("Rotated to a new connection after 6900 s; the old one finished its requests");
        assertThat(ConnectionNews.rotated(Duration.ofSeconds(6900), 3))
                .isEqualTo("Rotated to a new connection after 6900 s; the old one finished, passed 3 on");
    }

    @Test
    void stopping_countsInTheSingularAndThePlural() {
        assertThat(ConnectionNews.stopping(1, Duration.ofSeconds(25)))
                .isEqualTo("Stopping: answering 1 request in flight first (at most 25 s)");
        assertThat(ConnectionNews.stopping(2, Duration.ofSeconds(25)))
                .isEqualTo("Stopping: answering 2 requests in flight first (at most 25 s)");
    }
}
