package dev.httptunnel.protocol;

/** The answer to {@link Ping}; its arrival proves the connection is alive both ways. */
public record Pong() implements Message {
    static final String TYPE = "pong";
}
