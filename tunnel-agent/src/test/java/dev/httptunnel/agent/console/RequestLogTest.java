package dev.httptunnel.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void responseLine_showsTimeMethodTargetStatusAndDuration() {
        String line = RequestLog.line(LocalTime.of(14, 3, 7),
                new RequestLogEntry("GET", "/index.html?x=1", 200, null, Duration.ofMillis(12)));

        assertThat(line).startsWith("14:03:07  GET     /index.html?x=1").contains(" 200 ").endsWith("12 ms");
    }

    @Test
    void columnsLineUp_methodTargetAndOutcomePaddedRight_durationRight() {
        String line = RequestLog.line(LocalTime.of(9, 0, 5),
                new RequestLogEntry("DELETE", "/a", 204, null, Duration.ofMillis(1234)));

        assertThat(line).isEqualTo("09:00:05  DELETE  /a" + " ".repeat(30) + " 204  1234 ms");
    }

    @Test
    void errorLine_showsTheStatusTheCallerGot_andItsCode() {
        String error = RequestLog.line(LocalTime.NOON, new RequestLogEntry("POST", "/api", 0,
                ErrorCode.LOCAL_SERVICE_UNAVAILABLE, Duration.ofMillis(3)));

        assertThat(error).contains(" 502 local_service_unavailable     3 ms").doesNotContain(" 0 ");
    }

    @Test
    void statusLines_lineUp_whatEverTheirTargetsLength() {
        String shortTarget = RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/", 200, null,
                Duration.ofMillis(3), 0, 3174));
        String longTarget = RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/" + "a".repeat(90), 404,
                null, Duration.ofMillis(3)));

        assertThat(shortTarget.indexOf(" 200 ")).isEqualTo(longTarget.indexOf(" 404 "));
    }

    @Test
    void aResponseOverTheLimit_isNamedAsTheCallerSeesIt() {
        String line = RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/big", 0,
                ErrorCode.RESPONSE_TOO_LARGE, Duration.ofMillis(3)));

        assertThat(line).contains(" 502 response_too_large ");
    }

    @Test
    void aProtocolCode_isShownAsTheAgentErrorTheCallerGot() {
        String line = RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/", 0,
                ErrorCode.INVALID_MESSAGE, Duration.ofMillis(3)));

        assertThat(line).contains(" 502 agent_error ").doesNotContain("invalid_message");
    }

    @Test
    void everyLine_fits80Columns_evenWithALongTargetAnErrorAndBodies() {
        String target = "/assets/" + "x".repeat(150) + "/app.js?v=123";
        List<RequestLogEntry> entries = List.of(
                new RequestLogEntry("GET", target, 200, null, Duration.ofMillis(12)),
                new RequestLogEntry("OPTIONS", target, 204, null, Duration.ofMillis(99_999)),
                new RequestLogEntry("POST", target, 200, null, Duration.ofMillis(27_000), 4_400_000, 1_048_000),
                new RequestLogEntry("PUT", target, 0, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, Duration.ofMillis(27_000),
                        1_048_000, 0),
                new RequestLogEntry("PROPPATCH-LONG-METHOD", target, 0, ErrorCode.LOCAL_SERVICE_TIMEOUT,
                        Duration.ofMillis(27_000), 1_000, 0));

        for (RequestLogEntry entry : entries) {
            assertThat(RequestLog.line(LocalTime.NOON, entry)).hasSizeLessThanOrEqualTo(80);
        }
    }

    @Test
    void aLongTarget_keepsItsStartAndItsEnd_andGivesUpItsMiddle() {
        String line = RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET",
                "/assets/" + "x".repeat(150) + "/app.js?v=123", 200, null, Duration.ofMillis(12)));

        assertThat(line).contains("/assets/xxx").contains("...").contains("x/app.js?v=123 200");
        assertThat(RequestLog.shorten("/abcdefghij", 7)).isEqualTo("/a...ij");
        assertThat(RequestLog.shorten("/short", 7)).isEqualTo("/short");
    }

    @Test
    void bodySizes_areAppendedWhenThereAreBodies() {
        String both = RequestLog.line(LocalTime.NOON, new RequestLogEntry("POST", "/upload", 200, null,
                Duration.ofMillis(40), 1_048_576, 307_200));
        String none = RequestLog.line(LocalTime.NOON, new RequestLogEntry("GET", "/", 204, null, Duration.ZERO));

        assertThat(both).endsWith("40 ms  in 1.0 MB  out 300.0 KB");
        assertThat(none).endsWith("0 ms");
        assertThat(RequestLog.size(512)).isEqualTo("512 B");
    }

    @Test
    void banner_listsEveryPublicUrlAndTheLocalTarget() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "http://127.0.0.1:3000", "rewrite", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        printer.onEstablished(new ConnectionEstablished("abcdef123456",
                List.of("https://abcdef123456.t.example", "https://t.example/abcdef123456")));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("Forwarding   https://abcdef123456.t.example -> http://127.0.0.1:3000")
                .contains("Forwarding   https://t.example/abcdef123456 -> http://127.0.0.1:3000")
                .contains("Ctrl-C");
    }
}
