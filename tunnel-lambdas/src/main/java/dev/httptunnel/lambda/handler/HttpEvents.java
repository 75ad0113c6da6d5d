package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.lambda.service.PublicRequest;
import dev.httptunnel.lambda.service.PublicResponse;
import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps HTTP API payload format 2.0 events to the forwarding service's values and back. */
final class HttpEvents {

    private HttpEvents() {
    }

    static PublicRequest toPublicRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = context == null ? null : context.getHttp();
        List<HeaderField> headers = new ArrayList<>();
        String host = null;
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getKey() == null || header.getValue() == null) {
                    continue;
                }
                headers.add(new HeaderField(header.getKey(), header.getValue()));
                if (header.getKey().equalsIgnoreCase("host")) {
                    host = header.getValue();
                }
            }
        }
        // Payload 2.0 moves every request cookie into cookies[]; the local service expects one Cookie header.
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.add(new HeaderField("cookie", String.join("; ", event.getCookies())));
        }
        if (host == null && context != null) {
            host = context.getDomainName();
        }
        String body = event.getBody() == null ? ""
                : event.getIsBase64Encoded() ? event.getBody()
                : Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8));
        return new PublicRequest(
                http == null || http.getMethod() == null ? "GET" : http.getMethod(),
                host,
                RawPaths.requestLineSafe(event.getRawPath()),
                event.getRawQueryString(),
                new HeaderList(headers),
                body,
                http == null ? null : http.getSourceIp(),
                context == null ? null : context.getStage());
    }

    /**
     * Payload 2.0 has no multi-value headers: each {@code Set-Cookie} becomes an entry of {@code cookies[]}
     * (API Gateway sends each as its own header) and other repeated headers are joined with commas,
     * which HTTP defines as equivalent.
     */
    static APIGatewayV2HTTPResponse toEventResponse(PublicResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> canonicalNames = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (HeaderField header : response.headers().entries()) {
            if (header.hasName("set-cookie")) {
                cookies.add(header.value());
                continue;
            }
            String name = canonicalNames.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> header.name());
            headers.merge(name, header.value(), (a, b) -> a + ", " + b);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withBody(response.body())
                .withIsBase64Encoded(true)
                .build();
    }
}
