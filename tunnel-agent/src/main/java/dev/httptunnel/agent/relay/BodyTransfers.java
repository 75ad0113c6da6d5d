package dev.httptunnel.agent.relay;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves bodies too large for one message through the short-lived presigned URLs the service hands out:
 * a plain GET for a request body, a plain PUT of the raw bytes for a response body. The URLs are used
 * exactly as given, with no header that is not needed (a presigned URL signs its host and may sign
 * nothing else), so the signature holds.
 *
 * <p>A client of its own, apart from the local one: it talks to the internet (S3 over TLS, through the
 * JVM's proxy settings if any) while the local client talks to loopback with no proxy, and its long
 * transfers keep their own connection pool.
 */
final class BodyTransfers {

    /** Characters of a failed transfer's answer quoted in the error (S3 answers with a short XML error). */
    private static final int SNIPPET_BYTES = 300;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final long timeoutMillis;

    BodyTransfers(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.getDefault() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.getDefault())
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .build();
    }

    /** A transfer that failed; the message says what, in words, without the URL's signature. */
    static final class TransferException extends Exception {
        TransferException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Downloads at most {@code limit} bytes from {@code url} within {@code deadlineNanos}.
     *
     * @throws BodyTooLargeException when the body is over {@code limit} (reading stops at the limit)
     * @throws TransferException for any other failure: unreachable, non-2xx, timed out
     */
    byte[] download(String url, int limit, long deadlineNanos) throws TransferException, InterruptedException {
        String what = "downloading the request body from " + redacted(url);
        URI uri = URI.create(url);
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(remaining(deadlineNanos, what)).GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(get, info -> {
            if (info.statusCode() / 100 != 2) {
                return BoundedBodySubscriber.truncatingAt(SNIPPET_BYTES);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return BoundedBodySubscriber.refusingOver(limit, declared, true);
        });
        HttpResponse<byte[]> response = await(pending, deadlineNanos, what);
        if (response.statusCode() / 100 != 2) {
            throw new TransferException(what + " failed: HTTP " + response.statusCode() + snippet(response.body()));
        }
        return response.body();
    }

    /**
     * PUTs {@code body} to {@code url} within {@code deadlineNanos}, expecting a 2xx.
     *
     * @throws TransferException when the upload fails or is refused
     */
    void upload(String url, byte[] body, long deadlineNanos) throws TransferException, InterruptedException {
        String what = "uploading the response body (" + body.length + " bytes) to " + redacted(url);
        HttpRequest put = HttpRequest.newBuilder(URI.create(url))
                .timeout(remaining(deadlineNanos, what))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(put, info -> BoundedBodySubscriber.truncatingAt(SNIPPET_BYTES));
        HttpResponse<byte[]> response = await(pending, deadlineNanos, what);
        if (response.statusCode() / 100 != 2) {
            throw new TransferException(what + " failed: HTTP " + response.statusCode() + snippet(response.body()));
        }
    }

    private Duration remaining(long deadlineNanos, String what) throws TransferException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= TimeUnit.MILLISECONDS.toNanos(1)) {
            throw new TransferException(what + " had no time left within the local timeout of " + timeoutMillis + " ms");
        }
        return Duration.ofNanos(left);
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> pending, long deadlineNanos,
                                              String what) throws TransferException, InterruptedException {
        try {
            return pending.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new TransferException(what + " did not finish within the local timeout of " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BodyTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw new TransferException(what + " did not finish within the local timeout of " + timeoutMillis
                        + " ms");
            }
            throw new TransferException(what + " failed: " + describe(cause));
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect in time";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return cause.toString();
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : " (" + text + (body.length >= SNIPPET_BYTES ? "..." : "") + ")";
    }

    /** The URL without its query: a presigned URL's query holds its signature, which no log should keep. */
    static String redacted(String url) {
        URI uri = URI.create(url);
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + authority + path;
    }
}
