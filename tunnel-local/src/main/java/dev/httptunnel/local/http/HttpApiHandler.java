package dev.httptunnel.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.StageThrottle;
import dev.httptunnel.local.lambda.Invocation;
import dev.httptunnel.local.lambda.LambdaFunction;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The public HTTP API with one {@code $default} route integrated with the forwarding function: every
 * request becomes a payload 2.0 event, one synchronous invocation, and the mapped result. The stage
 * throttle and the payload quota are applied before any body is read; bodies are read without a thread
 * waiting on the client ({@link RequestBody}).
 */
public final class HttpApiHandler extends Handler.Abstract {

    /** How much of a refused body is read and dropped so that the caller receives the 413. */
    static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

    private final LambdaFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> forwarding;
    private final GatewaySettings settings;
    private final String apiId;
    private final StageThrottle throttle;

    public HttpApiHandler(LambdaFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> forwarding,
                          GatewaySettings settings, String apiId) {
        this.forwarding = forwarding;
        this.settings = settings;
        this.apiId = apiId;
        this.throttle = new StageThrottle(settings.throttle());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = GatewayIds.next();
        Instant now = Instant.now();
        if (!throttle.tryAcquire()) {
            refuse(GatewayError.TOO_MANY_REQUESTS, request, response, requestId, callback);
            return true;
        }
        if (request.getLength() > settings.maxRequestBytes()) {
            refuse(GatewayError.REQUEST_TOO_LARGE, request, response, requestId, callback);
            return true;
        }
        if (!announcesBody(request)) {
            forward(request, new byte[0], response, requestId, now, callback);
            return true;
        }
        AtomicInteger pending = new AtomicInteger(2);
        RequestBody.read(request, settings.maxRequestBytes(), MAX_DISCARDED_BYTES, settings.requestBodyTimeout(),
                outcome -> {
                    if (outcome instanceof RequestBody.Received received) {
                        forward(request, received.bytes(), response, requestId, now, callback);
                    } else if (outcome instanceof RequestBody.TooLarge) {
                        GatewayError.REQUEST_TOO_LARGE.write(response, requestId, whenBoth(pending, callback));
                    } else if (outcome instanceof RequestBody.TimedOut) {
                        GatewayError.REQUEST_TIMEOUT.write(response, requestId, callback);
                    } else {
                        callback.failed(((RequestBody.Broken) outcome).cause());
                    }
                }, () -> whenBoth(pending, callback).succeeded());
        return true;
    }

    private void forward(Request request, byte[] body, Response response, String requestId, Instant now,
                         Callback callback) {
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
    }

    /**
     * Answers {@code error} before reading the body. A client that waits for {@code 100 Continue} gets the
     * refusal instead and its body is never asked for; otherwise what it sends is read and dropped, up to
     * {@link #MAX_DISCARDED_BYTES} and the body deadline, before the exchange ends: closing the connection
     * on a client still sending would reset it, and the client would see the reset instead of the refusal
     * (seen in {@code HttpApiIT} under load). A longer body gets the refusal and a close.
     */
    private void refuse(GatewayError error, Request request, Response response, String requestId,
                        Callback callback) {
        if (!announcesBody(request) || request.getHeaders().contains(HttpHeader.EXPECT,
                HttpHeaderValue.CONTINUE.asString())) {
            error.write(response, requestId, callback);
            return;
        }
        AtomicInteger pending = new AtomicInteger(2);
        RequestBody.refuse(request, MAX_DISCARDED_BYTES, settings.requestBodyTimeout(),
                () -> error.write(response, requestId, whenBoth(pending, callback)),
                () -> whenBoth(pending, callback).succeeded());
    }

    /** {@code callback}, succeeded once both the refusal is written and the dropped body has ended. */
    private static Callback whenBoth(AtomicInteger pending, Callback callback) {
        return Callback.from(() -> {
            if (pending.decrementAndGet() == 0) {
                callback.succeeded();
            }
        }, callback::failed);
    }

    /** A request with no length and no chunks (most GETs) has no body to read, which spares a read buffer. */
    private static boolean announcesBody(Request request) {
        long length = request.getLength();
        return length > 0 || length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
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
}
