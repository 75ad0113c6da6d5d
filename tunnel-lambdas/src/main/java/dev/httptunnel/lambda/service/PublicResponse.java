package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderList;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What the public caller receives.
 *
 * @param headers every header in order, each {@code Set-Cookie} its own entry
 * @param body the body in base64
 */
public record PublicResponse(int status, HeaderList headers, String body) {

    public PublicResponse {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? "" : body;
    }

    public static PublicResponse text(int status, HeaderList headers, String text) {
        return new PublicResponse(status, headers,
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
}
