package dev.httptunnel.agent.relay;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The HTTP client for the short-lived presigned URLs the service hands out. The URLs are used exactly as
 * given, with no header that is not needed (a presigned URL signs its host and may sign nothing else), so
 * the signature holds.
 *
 * <p>A client of its own, apart from the local one: it talks to the internet (S3 over TLS, through the
 * JVM's proxy settings if any) while the local client talks to loopback with no proxy, and its long
 * transfers keep their own connection pool.
 */
final class PresignedClient {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final long timeoutMillis;

    PresignedClient(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.getDefault() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.getDefault())
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .build();
    }

    /** A request to {@code url} whose timeout is the time left before {@code deadlineNanos}. */
    HttpRequest.Builder request(String url, long deadlineNanos, String transfer) throws TransferException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= TimeUnit.MILLISECONDS.toNanos(1)) {
            throw TransferException.noTimeLeft(transfer, timeoutMillis);
        }
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofNanos(left));
    }

    /**
     * Sends {@code request}, failing with a {@link TransferException} (or {@link OversizedBodyException}) that
     * says what went wrong, and cancelled at {@code deadlineNanos} if not complete by then; a response that
     * completes just after the deadline goes to {@code late}, to be let go of.
     */
    <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                               long deadlineNanos, String transfer, Consumer<HttpResponse<T>> late) {
        CompletableFuture<HttpResponse<T>> pending = client.sendAsync(request, handler);
        CompletableFuture<HttpResponse<T>> bounded = new CompletableFuture<>();
        pending.whenComplete((response, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(transferFailure(failure, transfer));
            } else if (!bounded.complete(response)) {
                late.accept(response);
            }
        });
        bounded.orTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                .whenComplete((response, failure) -> {
                    if (failure instanceof TimeoutException) {
                        pending.cancel(true);
                    }
                });
        return bounded.handle((response, failure) -> {
            if (failure instanceof TimeoutException) {
                throw new CompletionException(TransferException.timedOut(transfer, timeoutMillis));
            }
            if (failure != null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return response;
        });
    }

    private Exception transferFailure(Throwable failure, String transfer) {
        Throwable cause = FailureCause.unwrap(failure);
        if (cause instanceof OversizedBodyException tooLarge) {
            return tooLarge;
        }
        if (cause instanceof TransferException known) {
            return known;
        }
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return TransferException.timedOut(transfer, timeoutMillis);
        }
        return TransferException.failed(transfer, cause);
    }
}
