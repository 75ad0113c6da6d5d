package dev.httptunnel.protocol;

/** Either direction: keeps the connection inside API Gateway's idle timeout; answered by {@link Pong}. */
public record Ping() implements Message {
    static final String TYPE = "ping";
}
