package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.nio.charset.StandardCharsets;

/**
 * Turns {@link Message}s into JSON text and back. Every encoded message fits API Gateway's message
 * limit ({@link ProtocolLimits#MAX_MESSAGE_BYTES}) or is refused; every decoding failure is a
 * {@link MessageDecodingException} that says why.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // A missing or null number or flag reads as 0 or false; the records reject a 0 status themselves.
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private MessageCodec() {
    }

    /** The message as JSON text; refused when its UTF-8 form exceeds the message limit. */
    public static String encode(Message message) {
        byte[] utf8 = encodeToBytes(message);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The message as UTF-8 JSON bytes; refused when they exceed the message limit. */
    public static byte[] encodeToBytes(Message message) {
        byte[] utf8;
        try {
            utf8 = MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        if (utf8.length > ProtocolLimits.MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException(utf8.length, ProtocolLimits.MAX_MESSAGE_BYTES);
        }
        return utf8;
    }

    public static Message decode(String json) {
        if (json == null) {
            throw new MessageDecodingException("message is empty");
        }
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Message decode(byte[] utf8) {
        if (utf8 == null || utf8.length == 0) {
            throw new MessageDecodingException("message is empty");
        }
        if (utf8.length > ProtocolLimits.MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException(utf8.length, ProtocolLimits.MAX_MESSAGE_BYTES);
        }
        try {
            Message message = MAPPER.readValue(utf8, Message.class);
            if (message == null) {
                throw new MessageDecodingException("message is JSON null");
            }
            return message;
        } catch (InvalidTypeIdException e) {
            String typeId = e.getTypeId();
            throw new MessageDecodingException(typeId == null
                    ? "message has no 'type' field"
                    : "unknown message type '" + typeId + "'", e);
        } catch (JsonMappingException e) {
            throw new MessageDecodingException("message breaks the protocol: " + rootMessage(e), e);
        } catch (java.io.IOException e) {
            throw new MessageDecodingException("message is not valid JSON: " + originalMessage(e), e);
        }
    }

    private static String originalMessage(java.io.IOException e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return cause.getMessage();
    }
}
