package dev.httptunnel.protocol;

/** A message that cannot be sent or read under the protocol's rules. */
public abstract class ProtocolException extends RuntimeException {

    protected ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
