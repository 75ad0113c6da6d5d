package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * Service → agent: one public request to relay to the local service.
 *
 * @param requestId the id the answer must carry
 * @param method the HTTP method, any token (not only the well-known ones)
 * @param path the raw path exactly as received, percent-encoding intact, tunnel prefix removed
 * @param query the raw query string exactly as received, without {@code ?}; empty when there is none
 * @param headers the request headers in order, repeated names kept
 * @param body the body in base64; empty when there is none
 */
public record HttpRequest(String requestId, String method, String path, String query, HttpHeaders headers,
                          String body) implements Message {
    static final String TYPE = "http_request";

    public HttpRequest {
        RequestIds.require(requestId);
        Objects.requireNonNull(method, "method");
        if (method.isEmpty() || !method.chars().allMatch(c -> HttpHeader.isTokenChar((char) c))) {
            throw new IllegalArgumentException("method must be an HTTP token: '" + method + "'");
        }
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': '" + path + "'");
        }
        requireVisible("path", path);
        query = query == null ? "" : query;
        requireVisible("query", query);
        headers = headers == null ? HttpHeaders.EMPTY : headers;
        body = Base64Body.requireValid(body);
    }

    public static HttpRequest of(String requestId, String method, String path, String query, HttpHeaders headers,
                                 byte[] body) {
        return new HttpRequest(requestId, method, path, query, headers, Base64Body.encode(body));
    }

    @JsonIgnore
    public byte[] bodyBytes() {
        return Base64Body.decode(body);
    }

    /** Path and query as they appear on the request line. */
    @JsonIgnore
    public String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static void requireVisible(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException(what + " must not contain spaces or control characters: '"
                        + value + "'");
            }
        }
    }
}
