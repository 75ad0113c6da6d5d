package dev.httptunnel.protocol;

/** Text that is not a valid protocol message: malformed JSON, an unknown type, or a broken rule. */
public final class MessageDecodingException extends ProtocolException {

    public MessageDecodingException(String reason) {
        super(reason, null);
    }

    public MessageDecodingException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
