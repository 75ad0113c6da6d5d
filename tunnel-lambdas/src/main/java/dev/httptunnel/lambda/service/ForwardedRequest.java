package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.WireText;

/** Builds the {@code http_request} for the agent, adding the {@code X-Forwarded-*} headers a proxy owes. */
final class ForwardedRequest {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String FORWARDED_HOST = "X-Forwarded-Host";
    static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private ForwardedRequest() {
    }

    /**
     * @param body the body in base64, empty when it waits at {@code bodyUrl}
     * @param bodyUrl where the agent downloads the body; null when it is inline
     * @param uploadUrl where the agent may upload a large response body; null for none
     */
    static TunnelRequest build(String requestId, PublicRequest request, TunnelRoute route, String body, String bodyUrl,
                             String uploadUrl) {
        HeaderList headers = request.headers();
        // API Gateway appends the caller's address to X-Forwarded-For itself; add it only when it did not.
        if (headers.first(FORWARDED_FOR).isEmpty() && request.sourceIp() != null && !request.sourceIp().isEmpty()) {
            headers = headers.with(FORWARDED_FOR, request.sourceIp());
        }
        if (headers.first(FORWARDED_PROTO).isEmpty()) {
            headers = headers.with(FORWARDED_PROTO, "https");
        }
        // The caller could send its own X-Forwarded-Host or -Prefix; the tunnel's own values replace them.
        headers = headers.without(FORWARDED_HOST);
        if (!request.host().isEmpty()) {
            // An HTTP/1.0 caller may send no Host; an empty header would tell the app a host it cannot use.
            headers = headers.with(FORWARDED_HOST, request.host());
        }
        headers = headers.without(FORWARDED_PREFIX);
        if (route.hasPrefix()) {
            headers = headers.with(FORWARDED_PREFIX, route.prefix());
        }
        requireAscii("path", route.path());
        requireAscii("query", request.rawQuery());
        for (HeaderField header : headers.entries()) {
            requireAscii("value of the header " + header.name(), header.value());
        }
        return new TunnelRequest(requestId, request.method(), route.path(), request.rawQuery(), headers, body, bodyUrl,
                uploadUrl);
    }

    /**
     * Bytes beyond ASCII cannot be carried as sent: on their way here they were decoded by guess (as UTF-8,
     * with a replacement character for an invalid byte), so the app would get other bytes than the caller
     * sent. A clear 400 is better than a silently different request.
     */
    private static void requireAscii(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                throw new IllegalArgumentException("the " + what + " holds a character beyond ASCII ("
                        + WireText.quote(value) + "), which the tunnel cannot carry byte for byte: percent-encode it "
                        + "(RFC 3986), or for a header value use an encoding such as RFC 8187's");
            }
        }
    }
}
