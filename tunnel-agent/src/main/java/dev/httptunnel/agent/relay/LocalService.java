package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.TunnelRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local service, called through a single pooled HTTP/1.1 client on loopback (no proxy, no redirects
 * followed): a tunnelled request becomes a JDK request with the raw path, query and body, the headers in
 * order without hop-by-hop ones, and the {@code Host} the policy chooses.
 */
final class LocalService {

    /** Headers the JDK client computes itself (Host is set from the policy instead). */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "expect");
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LocalService.class);

    private final String host;
    private final int port;
    private final String authority;
    private final HostHeaderPolicy hostHeader;
    private final boolean hostSettable;
    private final HttpClient client;

    LocalService(String host, int port, HostHeaderPolicy hostHeader, Duration timeout) {
        ClientProperties.setBeforeFirstUse();
        this.host = host;
        this.port = port;
        this.authority = HostHeaderPolicy.authority(host, port);
        this.hostHeader = hostHeader;
        this.hostSettable = ClientProperties.hostHeaderSettable();
        if (!hostSettable) {
            LOG.warn("The JDK HTTP client was loaded before {} was set: the local service will see Host: {}",
                    ClientProperties.RESTRICTED_HEADERS, authority);
        }
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                // Responses are handed to the body subscriber on the client's selector thread instead of a
                // pool thread, one thread hand-off less per request; safe because no subscriber blocks.
                .executor(Runnable::run)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .build();
    }

    /** The local service's {@code host:port}, as error messages name it. */
    String authority() {
        return authority;
    }

    /**
     * The JDK request for {@code request}, to be answered within {@code remaining}.
     *
     * @throws IllegalArgumentException for a request the JDK client refuses to send (CONNECT, a header it
     *     does not allow)
     */
    HttpRequest request(TunnelRequest request, HttpRequest.BodyPublisher body, Duration remaining) {
        HttpRequest.Builder builder = HttpRequest
                .newBuilder(LocalTarget.uri(host, port, request.path(), request.query()))
                .timeout(remaining)
                .method(request.method(), body);
        for (HeaderField header : HopByHopHeaders.strip(request.headers(), SET_BY_CLIENT).entries()) {
            builder.header(header.name(), header.value());
        }
        if (hostSettable) {
            builder.header("Host", hostHeader.hostFor(request.headers(), host, port));
        }
        if (!HostHeaderPolicy.PRESERVE.equals(hostHeader) && request.headers().first("X-Forwarded-Host").isEmpty()) {
            // An HTTP/1.0 caller may send no Host: then there is no public host to pass on.
            request.headers().first("Host").filter(publicHost -> !publicHost.isBlank())
                    .ifPresent(publicHost -> builder.header("X-Forwarded-Host", publicHost));
        }
        return builder.build();
    }

    /**
     * Starts {@code request} without waiting. The future completes on {@code CompletableFuture}'s default
     * executor (a new thread per task on fewer than three cores, see {@link AsyncCompletions}), so answers
     * come from {@code route}'s subscriber, which completes on the selector thread; the future only reports
     * failures that come before any body. The request timeout covers the wait for the headers.
     */
    <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> route) {
        return client.sendAsync(request, route);
    }
}
