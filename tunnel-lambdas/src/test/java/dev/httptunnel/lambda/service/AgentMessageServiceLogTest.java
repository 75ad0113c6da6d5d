package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.adapter.memory.InMemoryConnectionStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryPendingRequestStore;
import dev.httptunnel.lambda.support.RecordingAgents;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an agent sends reaches the log escaped and bounded: it cannot forge lines or flood the log. */
class AgentMessageServiceLogTest {

    private static final String FORGED = "x\nSEVERE: forged line\r\n";

    private final Logger logger = Logger.getLogger(AgentMessageService.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final AgentMessageService service = new AgentMessageService(
            new InMemoryConnectionStore(Clock.systemUTC()), new InMemoryPendingRequestStore(Clock.systemUTC()),
            new RecordingAgents(), tunnel -> List.of(), Clock.systemUTC());

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"error\",\"code\":\"agent_error\",\"message\":\"MSG\"}",
            "{\"type\":\"MSG\"}",
            "{\"type\":\"http_response\",\"requestId\":\"MSG\",\"status\":200,\"headers\":[]}"})
    void wireTextInALogLine_isEscapedAndCut(String template) {
        String message = FORGED + "y".repeat(30_000);
        service.handle("conn-1=", template.replace("MSG", message.replace("\n", "\\n").replace("\r", "\\r")));

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line).doesNotContain("\n", "\r").hasSizeLessThan(1_000);
        });
    }
}
