package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Agent → service: the local service's answer to one {@link TunnelRequest}, passed to the caller as is.
 *
 * @param body the body in base64; empty when there is none or when it was uploaded
 * @param bodyUploaded the body was too large for one message and was uploaded to the request's
 *     {@link TunnelRequest#responseBodyUploadUrl()}
 */
public record TunnelResponse(String requestId, int status, HeaderList headers, String body,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean bodyUploaded) implements Message {
    static final String TYPE = "http_response";

    public TunnelResponse {
        RequestIds.require(requestId);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599: " + status);
        }
        headers = headers == null ? HeaderList.EMPTY : headers;
        body = Base64Body.requireValid(body);
        if (bodyUploaded && !body.isEmpty()) {
            throw new IllegalArgumentException("a response has an inline body or an uploaded one, not both");
        }
    }

    /** A response whose body, if any, is inline. */
    public TunnelResponse(String requestId, int status, HeaderList headers, String body) {
        this(requestId, status, headers, body, false);
    }

    /** A response whose body was uploaded where the request said. */
    public static TunnelResponse uploaded(String requestId, int status, HeaderList headers) {
        return new TunnelResponse(requestId, status, headers, "", true);
    }

    public static TunnelResponse of(String requestId, int status, HeaderList headers, byte[] body) {
        return new TunnelResponse(requestId, status, headers, Base64Body.encode(body));
    }

    @JsonIgnore
    public byte[] bodyBytes() {
        return Base64Body.decode(body);
    }
}
