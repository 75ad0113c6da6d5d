package dev.httptunnel.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.lambda.Invocation;
import dev.httptunnel.local.lambda.LambdaFunction;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The public HTTP API with one {@code $default} route integrated with the forwarding function: every
 * request becomes a payload 2.0 event, one synchronous invocation, and the mapped result.
 */
public final class HttpApiHandler extends Handler.Abstract {

    /** How much of a refused body is read and dropped so that the caller receives the 413. */
    static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

    private final LambdaFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> forwarding;
    private final GatewaySettings settings;
    private final String apiId;

    public HttpApiHandler(LambdaFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> forwarding,
                          GatewaySettings settings, String apiId) {
        this.forwarding = forwarding;
        this.settings = settings;
        this.apiId = apiId;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String requestId = GatewayIds.next();
        Instant now = Instant.now();
        byte[] body = request.getLength() > settings.maxRequestBytes() ? null
                : readAtMost(request, settings.maxRequestBytes());
        if (body == null) {
            discardBody(request);
            GatewayError.REQUEST_TOO_LARGE.write(response, requestId, callback);
            return true;
        }
        HttpURI uri = request.getHttpURI();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(field.getName(), field.getValue()));
        }
        HttpApiEvent.Received received = new HttpApiEvent.Received(request.getMethod(), uri.getPath(),
                uri.getQuery(), request.getConnectionMetaData().getProtocol(), headers, body,
                Request.getRemoteAddr(request), Request.getLocalPort(request));
        byte[] event = HttpApiEvent.build(received, apiId, requestId, now);
        forwarding.invoke(event, settings.httpIntegrationTimeout(),
                invocation -> respond(invocation, request, response, requestId, callback));
        return true;
    }

    /** Maps the invocation's outcome onto the public response; called once, maybe from the timeout's thread. */
    private static void respond(Invocation invocation, Request request, Response response, String requestId,
                                Callback callback) {
        if (invocation instanceof Invocation.Completed completed) {
            if (!HttpApiResponse.write(completed.responseJson(), request, response, requestId, callback)) {
                GatewayError.INTERNAL_SERVER_ERROR.write(response, requestId, callback);
            }
            return;
        }
        Invocation.Failed failed = (Invocation.Failed) invocation;
        GatewayError error = switch (failed.failure()) {
            case TIMED_OUT -> GatewayError.SERVICE_UNAVAILABLE;
            case REQUEST_TOO_LARGE -> GatewayError.REQUEST_TOO_LARGE;
            case RESPONSE_TOO_LARGE -> GatewayError.BAD_INTEGRATION_RESPONSE;
            case THROTTLED, FUNCTION_ERROR -> GatewayError.INTERNAL_SERVER_ERROR;
        };
        error.write(response, requestId, callback);
    }

    /**
     * Reads what is left of a refused body, up to {@link #MAX_DISCARDED_BYTES}, before the 413 goes out:
     * closing the connection on a client still sending would reset it, and the client would see the reset
     * instead of the 413 (seen in {@code HttpApiIT} under load). A longer body gets the 413 and a close.
     */
    private static void discardBody(Request request) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long discarded = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            int read;
            while (discarded <= MAX_DISCARDED_BYTES && (read = in.read(sink)) >= 0) {
                discarded += read;
            }
        }
    }

    /**
     * The whole body, or null when it exceeds {@code limit} bytes. A request that announces no body (no
     * length and no chunks: most GETs) is not read, which spares a read buffer per request.
     */
    private static byte[] readAtMost(Request request, long limit) throws IOException {
        long length = request.getLength();
        if (length == 0 || length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return new byte[0];
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return bytes.length > limit ? null : bytes;
        }
    }
}
