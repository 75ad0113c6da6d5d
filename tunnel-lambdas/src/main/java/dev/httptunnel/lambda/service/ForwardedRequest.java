package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.TunnelRequest;

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
        headers = headers.without(FORWARDED_HOST).with(FORWARDED_HOST, request.host());
        headers = headers.without(FORWARDED_PREFIX);
        if (route.hasPrefix()) {
            headers = headers.with(FORWARDED_PREFIX, route.prefix());
        }
        return new TunnelRequest(requestId, request.method(), route.path(), request.rawQuery(), headers, body, bodyUrl,
                uploadUrl);
    }
}
