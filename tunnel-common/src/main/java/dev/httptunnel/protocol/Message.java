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
    @JsonSubTypes.Type(value = TunnelRequest.class, name = TunnelRequest.TYPE),
    @JsonSubTypes.Type(value = TunnelResponse.class, name = TunnelResponse.TYPE),
    @JsonSubTypes.Type(value = ErrorMessage.class, name = ErrorMessage.TYPE),
    @JsonSubTypes.Type(value = Ping.class, name = Ping.TYPE),
    @JsonSubTypes.Type(value = Pong.class, name = Pong.TYPE),
    @JsonSubTypes.Type(value = AnswerCheck.class, name = AnswerCheck.TYPE),
    @JsonSubTypes.Type(value = MissingAnswers.class, name = MissingAnswers.TYPE),
    @JsonSubTypes.Type(value = ConnectionReplaced.class, name = ConnectionReplaced.TYPE),
})
public sealed interface Message
        permits Ready, ConnectionEstablished, TunnelRequest, TunnelResponse, ErrorMessage, Ping, Pong, AnswerCheck,
        MissingAnswers, ConnectionReplaced {
}
