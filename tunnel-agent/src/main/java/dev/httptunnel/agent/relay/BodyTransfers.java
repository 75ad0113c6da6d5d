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
import java.util.function.Consumer;

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
        private final boolean timedOut;

        TransferException(String message) {
            this(message, false);
        }

        TransferException(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        /** The transfer ran out of time (rather than being refused or broken). */
        boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * A request body opened for download: its length, and its bytes as the local request reads them;
     * {@code stream} is null for a body read whole first.
     */
    record Download(long length, HttpRequest.BodyPublisher body, BufferStream stream) {

        /** A body already here, as a download of it. */
        static Download of(byte[] body) {
            return new Download(body.length, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body), null);
        }

        /** Lets go of the download, read or not (the local request failed, or has its answer). */
        void discard() {
            if (stream != null) {
                stream.discard();
            }
        }

        /** Whether the local request is waiting for the download's next bytes right now. */
        boolean stalled() {
            return stream != null && stream.waitingForSource();
        }

        /** How the download broke off while being read, if it did. */
        Throwable brokenOff() {
            return stream == null ? null : stream.sourceFailure();
        }
    }

    /** What the download's answer turned out to be, once its headers are in. */
    private sealed interface Opened {
    }

    private record Streaming(Download download) implements Opened {
    }

    private record Refused(int status, byte[] snippet) implements Opened {
    }

    /**
     * Starts downloading the body at {@code url}, completing once its headers are in: its bytes then
     * stream as the {@link Download}'s body is read, never held whole. A body without a
     * {@code Content-Length} (S3 always sends one) is read whole first, up to {@code limit}.
     *
     * <p>Fails with {@link OversizedBodyException} when the body is over {@code limit}, and with
     * {@link TransferException} for any other failure: unreachable, non-2xx, no headers by
     * {@code deadlineNanos}.
     */
    CompletableFuture<Download> download(String url, int limit, long deadlineNanos) {
        String what = "downloading the request body from " + redacted(url);
        HttpRequest get;
        try {
            get = HttpRequest.newBuilder(URI.create(url)).timeout(remaining(deadlineNanos, what)).GET().build();
        } catch (TransferException e) {
            return CompletableFuture.failedFuture(e);
        }
        return within(client.sendAsync(get, info -> opening(info, limit)), deadlineNanos, what,
                        late -> {
                            if (late.body() instanceof Streaming streaming) {
                                streaming.download().discard();
                            }
                        })
                .thenApply(response -> {
                    if (response.body() instanceof Refused refused) {
                        throw new CompletionException(new TransferException(what + " failed: HTTP "
                                + refused.status() + snippet(refused.snippet())));
                    }
                    return ((Streaming) response.body()).download();
                });
    }

    private static HttpResponse.BodySubscriber<Opened> opening(HttpResponse.ResponseInfo info, int limit) {
        if (info.statusCode() / 100 != 2) {
            return HttpResponse.BodySubscribers.mapping(BoundedBodySubscriber.truncatingAt(SNIPPET_BYTES),
                    snippet -> new Refused(info.statusCode(), snippet));
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared <= 0 || declared > limit) {
            // Refused at once when announced too large; read whole, up to the limit, when not announced
            // (and an empty body is no stream: a request body publisher of length 0 is refused).
            return HttpResponse.BodySubscribers.mapping(BoundedBodySubscriber.refusingOver(limit, declared, true),
                    whole -> new Streaming(Download.of(whole)));
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), source -> {
            BufferStream stream = new BufferStream(source);
            return new Streaming(new Download(declared, HttpRequest.BodyPublishers.fromPublisher(stream, declared),
                    stream));
        });
    }

    /**
     * PUTs {@code length} bytes from {@code body} to {@code url} within {@code deadlineNanos}, expecting a
     * 2xx; fails with {@link TransferException} when the upload fails or is refused.
     */
    CompletableFuture<Void> upload(String url, HttpRequest.BodyPublisher body, long length, long deadlineNanos) {
        String what = "uploading the response body (" + length + " bytes) to " + redacted(url);
        HttpRequest put;
        try {
            put = HttpRequest.newBuilder(URI.create(url)).timeout(remaining(deadlineNanos, what)).PUT(body).build();
        } catch (TransferException e) {
            return CompletableFuture.failedFuture(e);
        }
        return within(client.sendAsync(put, info -> BoundedBodySubscriber.truncatingAt(SNIPPET_BYTES)),
                deadlineNanos, what, late -> { })
                .thenApply(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new CompletionException(new TransferException(what + " failed: HTTP "
                                + response.statusCode() + snippet(response.body())));
                    }
                    return null;
                });
    }

    /** {@link #upload(String, HttpRequest.BodyPublisher, long, long)} of a body held whole, waiting for it. */
    void upload(String url, byte[] body, long deadlineNanos) throws TransferException, InterruptedException {
        CompletableFuture<Void> upload = upload(url, HttpRequest.BodyPublishers.ofByteArray(body), body.length,
                deadlineNanos);
        try {
            upload.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransferException transfer ? transfer
                    : new TransferException("uploading the response body failed: " + e.getCause());
        }
    }

    private Duration remaining(long deadlineNanos, String what) throws TransferException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= TimeUnit.MILLISECONDS.toNanos(1)) {
            throw new TransferException(what + " had no time left within the local timeout of " + timeoutMillis + " ms");
        }
        return Duration.ofNanos(left);
    }

    /**
     * {@code pending}, failed with a {@link TransferException} (or {@link OversizedBodyException}) that
     * says what went wrong, and cancelled at {@code deadlineNanos} if not complete by then; a response
     * that completes just after the deadline goes to {@code late}, to be let go of.
     */
    private <T> CompletableFuture<HttpResponse<T>> within(CompletableFuture<HttpResponse<T>> pending,
                                                          long deadlineNanos, String what,
                                                          Consumer<HttpResponse<T>> late) {
        CompletableFuture<HttpResponse<T>> bounded = new CompletableFuture<>();
        pending.whenComplete((response, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(transferFailure(failure, what));
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
                throw new CompletionException(timedOut(what));
            }
            if (failure != null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return response;
        });
    }

    private TransferException timedOut(String what) {
        return new TransferException(what + " did not finish within the local timeout of " + timeoutMillis + " ms",
                true);
    }

    private Exception transferFailure(Throwable failure, String what) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OversizedBodyException tooLarge) {
            return tooLarge;
        }
        if (cause instanceof TransferException transfer) {
            return transfer;
        }
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return timedOut(what);
        }
        return new TransferException(what + " failed: " + describe(cause));
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
