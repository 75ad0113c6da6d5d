package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HttpHeader;
import dev.httptunnel.protocol.HttpHeaders;
import dev.httptunnel.protocol.HttpRequest;
import dev.httptunnel.protocol.HttpResponse;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one tunnelled request on the local service through a single pooled HTTP/1.1 client and turns
 * the outcome into exactly one answer: the response, or an error that says which side failed.
 */
public final class LocalRelay {

    /** The largest body whose base64 form fits one message: larger ones can never be sent. */
    public static final int MAX_BODY_BYTES = ProtocolLimits.MAX_MESSAGE_BYTES / 4 * 3;

    /** Headers the JDK client computes itself (Host is set from the policy instead). */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "expect");
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LocalRelay.class);

    private final HttpClient client;
    private final String host;
    private final int port;
    private final String authority;
    private final HostHeaderPolicy hostHeader;
    private final Duration timeout;
    private final boolean hostSettable;

    public LocalRelay(String host, int port, HostHeaderPolicy hostHeader, Duration timeout) {
        RestrictedHeaders.allowHostHeader();
        this.host = host;
        this.port = port;
        this.authority = HostHeaderPolicy.authority(host, port);
        this.hostHeader = hostHeader;
        this.timeout = timeout;
        this.hostSettable = RestrictedHeaders.hostHeaderSettable();
        if (!hostSettable) {
            LOG.warn("The JDK HTTP client was loaded before {} was set: the local service will see Host: {}",
                    RestrictedHeaders.PROPERTY, authority);
        }
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .build();
    }

    /** The local service's {@code host:port}, as error messages name it. */
    public String authority() {
        return authority;
    }

    /**
     * Relays {@code request}, waiting at most what is left of the local timeout since {@code receivedAtNanos}.
     * Never throws: every outcome is an {@link HttpResponse} or an {@link ErrorMessage} with the request id.
     */
    public Message relay(HttpRequest request, long receivedAtNanos) {
        long remainingMillis = timeout.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - receivedAtNanos);
        if (remainingMillis <= 0) {
            return error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, "the request waited in the agent's queue "
                    + "longer than the local timeout of " + timeout.toMillis() + " ms");
        }
        java.net.http.HttpRequest localRequest;
        try {
            localRequest = toLocalRequest(request, Duration.ofMillis(remainingMillis));
        } catch (IllegalArgumentException unsendable) {
            return error(request, ErrorCode.AGENT_ERROR, "the agent cannot relay " + request.method() + " "
                    + request.path() + ": " + unsendable.getMessage());
        }
        CompletableFuture<java.net.http.HttpResponse<byte[]>> pending =
                client.sendAsync(localRequest, info -> new BoundedBodySubscriber(MAX_BODY_BYTES));
        try {
            return toResponse(request.requestId(), pending.get(remainingMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(request);
        } catch (ExecutionException | CompletionException e) {
            return failure(request, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return error(request, ErrorCode.AGENT_ERROR, "the agent is shutting down");
        } catch (RuntimeException e) {
            return failure(request, e);
        }
    }

    private java.net.http.HttpRequest toLocalRequest(HttpRequest request, Duration remaining) {
        byte[] body = request.bodyBytes();
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest
                .newBuilder(LocalTarget.uri(host, port, request.path(), request.query()))
                .timeout(remaining)
                .method(request.method(), body.length == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        for (HttpHeader header : HopByHopHeaders.strip(request.headers(), SET_BY_CLIENT).entries()) {
            builder.header(header.name(), header.value());
        }
        if (hostSettable) {
            builder.header("Host", hostHeader.hostFor(request.headers(), host, port));
        }
        if (!HostHeaderPolicy.PRESERVE.equals(hostHeader) && request.headers().first("X-Forwarded-Host").isEmpty()) {
            request.headers().first("Host").ifPresent(publicHost -> builder.header("X-Forwarded-Host", publicHost));
        }
        return builder.build();
    }

    private static HttpResponse toResponse(String requestId, java.net.http.HttpResponse<byte[]> local) {
        List<HttpHeader> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : local.headers().map().entrySet()) {
            if (entry.getKey().startsWith(":")) {
                continue;
            }
            for (String value : entry.getValue()) {
                headers.add(new HttpHeader(entry.getKey(), value));
            }
        }
        HttpHeaders relayed = HopByHopHeaders.strip(new HttpHeaders(headers), Set.of());
        return HttpResponse.of(requestId, local.statusCode(), relayed, local.body());
    }

    private Message failure(HttpRequest request, Throwable cause) {
        if (cause instanceof ResponseTooLargeException tooLarge) {
            return error(request, ErrorCode.BODY_TOO_LARGE, "the response of " + authority + " to "
                    + request.method() + " " + request.path() + " has a body over " + tooLarge.limit()
                    + " bytes, the most one tunnel message can carry");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return error(request, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "could not connect to " + authority
                    + " in time: is the local service running?");
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(request);
        }
        if (cause instanceof ConnectException) {
            return error(request, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "connection to " + authority
                    + " refused: is the local service running?");
        }
        if (cause instanceof IOException) {
            return error(request, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "the connection to " + authority
                    + " failed: " + cause.getMessage());
        }
        LOG.warn("Relaying {} {} failed", request.method(), request.path(), cause);
        return error(request, ErrorCode.AGENT_ERROR, "the agent failed to relay the request: " + cause);
    }

    private Message timedOut(HttpRequest request) {
        return error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, authority + " did not answer " + request.method()
                + " " + request.path() + " within " + timeout.toMillis() + " ms");
    }

    private static ErrorMessage error(HttpRequest request, ErrorCode code, String message) {
        return ErrorMessage.forRequest(request.requestId(), code, message);
    }
}
