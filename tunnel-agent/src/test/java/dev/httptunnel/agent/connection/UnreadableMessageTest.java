package dev.httptunnel.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.MessageDecodingException;
import org.junit.jupiter.api.Test;

class UnreadableMessageTest {

    @Test
    void requestWithARequestId_isAnsweredForThatRequest() {
        ErrorMessage reply = UnreadableMessage.reply("{\"type\":\"http_request\",\"requestId\":\"r-1\",\"method\":\"G T\"}",
                new MessageDecodingException("method must be an HTTP token"));

        assertThat(reply.requestId()).isEqualTo("r-1");
        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(reply.message()).contains("method must be an HTTP token");
    }

    @Test
    void textThatIsNotJson_isAnsweredWithAGeneralError() {
        ErrorMessage reply = UnreadableMessage.reply("not json", new MessageDecodingException("not valid JSON"));

        assertThat(reply.requestId()).isNull();
    }

    @Test
    void invalidRequestId_isNotEchoed() {
        ErrorMessage reply = UnreadableMessage.reply("{\"requestId\":\"bad id with spaces\"}",
                new MessageDecodingException("no type"));

        assertThat(reply.requestId()).isNull();
    }
}
