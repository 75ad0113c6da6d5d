package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Agent → service: the local service's answer to one {@link HttpRequest}, passed to the caller as is.
 *
 * @param body the body in base64; empty when there is none
 */
public record HttpResponse(String requestId, int status, HttpHeaders headers, String body) implements Message {
    static final String TYPE = "http_response";

    public HttpResponse {
        RequestIds.require(requestId);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599: " + status);
        }
        headers = headers == null ? HttpHeaders.EMPTY : headers;
        body = Base64Body.requireValid(body);
    }

    public static HttpResponse of(String requestId, int status, HttpHeaders headers, byte[] body) {
        return new HttpResponse(requestId, status, headers, Base64Body.encode(body));
    }

    @JsonIgnore
    public byte[] bodyBytes() {
        return Base64Body.decode(body);
    }
}
