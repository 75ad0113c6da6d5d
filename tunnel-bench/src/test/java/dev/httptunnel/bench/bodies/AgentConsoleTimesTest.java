package dev.httptunnel.bench.bodies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.agent.console.RequestLog;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The benchmark reads the agent's own console lines, as the agent writes them. */
class AgentConsoleTimesTest {

    @Test
    void readsTheDurationOfTheTargetsLinesOnly() {
        AgentConsoleTimes times = new AgentConsoleTimes("GET", "/small");

        times.accept(RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/small", 200, null,
                Duration.ofMillis(7), 0, 2)));
        times.accept(RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/small/more", 200, null,
                Duration.ofMillis(90), 0, 2)));
        times.accept(RequestLog.line(LocalTime.NOON, new RequestLogEntry("POST", "/small", 200, null,
                Duration.ofMillis(80))));
        times.accept(RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/bytes/1048576", 200, null,
                Duration.ofMillis(500), 0, 1_048_576)));
        times.accept(RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/small", 404, null,
                Duration.ofMillis(1234))));

        assertThat(times.drain()).containsExactly(7, 1234);
        assertThat(times.drain()).isEmpty();
    }
}
