package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message between the agent and the service: one JSON text WebSocket message whose {@code type}
 * field names the record. Unknown fields are ignored so either side may add fields later.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Ready.class, name = Ready.TYPE),
    @JsonSubTypes.Type(value = ConnectionEstablished.class, name = ConnectionEstablished.TYPE),
    @JsonSubTypes.Type(value = HttpRequest.class, name = HttpRequest.TYPE),
    @JsonSubTypes.Type(value = HttpResponse.class, name = HttpResponse.TYPE),
    @JsonSubTypes.Type(value = ErrorMessage.class, name = ErrorMessage.TYPE),
    @JsonSubTypes.Type(value = Ping.class, name = Ping.TYPE),
    @JsonSubTypes.Type(value = Pong.class, name = Pong.TYPE),
})
public sealed interface Message
        permits Ready, ConnectionEstablished, HttpRequest, HttpResponse, ErrorMessage, Ping, Pong {
}
