package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderList;
import java.util.Objects;

/**
 * A request as the public HTTP API received it.
 *
 * @param rawPath the path exactly as received, stage segment included
 * @param rawQuery the query exactly as received, without {@code ?}
 * @param headers every request header, cookies included, in order
 * @param body the body in base64
 * @param stage the API Gateway stage, {@code $default} when unnamed
 */
public record PublicRequest(String method, String host, String rawPath, String rawQuery, HeaderList headers,
                            String body, String sourceIp, String stage) {

    public PublicRequest {
        Objects.requireNonNull(method, "method");
        host = host == null ? "" : host;
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? HeaderList.EMPTY : headers;
        body = body == null ? "" : body;
    }
}
