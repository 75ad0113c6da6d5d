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
 * @param body the body in base64; empty when there is none or when it waits at {@code bodyUrl}
 * @param bodyUrl where to download a body too large for one message (a short-lived presigned URL);
 *     null when the body is inline
 * @param responseBodyUploadUrl where the agent may upload a response body too large for one message
 *     (a short-lived presigned PUT URL), then answering with {@link TunnelResponse#bodyUploaded()};
 *     null when the service offers none
 */
public record TunnelRequest(String requestId, String method, String path, String query, HeaderList headers,
                          String body, String bodyUrl, String responseBodyUploadUrl) implements Message {
    static final String TYPE = "http_request";

    public TunnelRequest {
        RequestIds.require(requestId);
        Objects.requireNonNull(method, "method");
        if (method.isEmpty() || !method.chars().allMatch(c -> HeaderField.isTokenChar((char) c))) {
            throw new IllegalArgumentException("method must be an HTTP token: '" + method + "'");
        }
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': '" + path + "'");
        }
        requireVisible("path", path);
        query = query == null ? "" : query;
        requireVisible("query", query);
        headers = headers == null ? HeaderList.EMPTY : headers;
        body = Base64Body.requireValid(body);
        ExternalBody.requireUrl("bodyUrl", bodyUrl);
        ExternalBody.requireUrl("responseBodyUploadUrl", responseBodyUploadUrl);
        if (bodyUrl != null && !body.isEmpty()) {
            throw new IllegalArgumentException("a request has an inline body or a bodyUrl, not both");
        }
    }

    /** A request whose body, if any, is inline. */
    public TunnelRequest(String requestId, String method, String path, String query, HeaderList headers,
                       String body) {
        this(requestId, method, path, query, headers, body, null, null);
    }

    public static TunnelRequest of(String requestId, String method, String path, String query, HeaderList headers,
                                 byte[] body) {
        return new TunnelRequest(requestId, method, path, query, headers, Base64Body.encode(body));
    }

    /** The same request with its body moved to {@code url}. */
    public TunnelRequest withBodyAt(String url) {
        return new TunnelRequest(requestId, method, path, query, headers, "", url, responseBodyUploadUrl);
    }

    public TunnelRequest withResponseUploadUrl(String url) {
        return new TunnelRequest(requestId, method, path, query, headers, body, bodyUrl, url);
    }

    /** The inline body; see {@link #bodyUrl()} for one too large to be inline. */
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
