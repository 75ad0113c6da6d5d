package dev.httptunnel.local.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answers API Gateway itself gives, in its wire form: a status and {@code {"message":"..."}}. On the
 * Management API the {@code x-amzn-ErrorType} header names the exception the SDK raises.
 */
public enum GatewayError {
    NOT_FOUND(404, "Not Found", null),
    /** A body that did not arrive whole before the body deadline. */
    REQUEST_TIMEOUT(408, "Request Timeout", null),
    REQUEST_TOO_LARGE(413, "Request Entity Too Large", null),
    /** The stage throttle's answer. */
    TOO_MANY_REQUESTS(429, "Too Many Requests", null),
    INTERNAL_SERVER_ERROR(500, "Internal Server Error", null),
    /** An integration whose result cannot be delivered (e.g. over the Lambda payload quota). */
    BAD_INTEGRATION_RESPONSE(502, "Internal Server Error", null),
    /** The HTTP API's answer when the integration times out. */
    SERVICE_UNAVAILABLE(503, "Service Unavailable", null),
    MISSING_AUTHENTICATION_TOKEN(403, "Missing Authentication Token", "ForbiddenException"),
    /** A signed call without the permission to make it. */
    FORBIDDEN(403, "Forbidden", "ForbiddenException"),
    GONE(410, null, "GoneException"),
    PAYLOAD_TOO_LARGE(413, "Message too long", "PayloadTooLargeException");

    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    public static final String REQUEST_ID_HEADER = "apigw-requestid";

    private final int status;
    private final String message;
    private final String errorType;

    GatewayError(int status, String message, String errorType) {
        this.status = status;
        this.message = message;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String body() {
        return message == null ? "{\"message\":null}" : "{\"message\":\"" + message + "\"}";
    }

    public void write(Response response, String requestId, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (requestId != null) {
            response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        }
        if (errorType != null) {
            response.getHeaders().put(ERROR_TYPE_HEADER, errorType);
        }
        byte[] bytes = body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
