package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one tunnelled request on the local service through a single pooled HTTP/1.1 client and turns
 * the outcome into exactly one answer: the response, or an error that says which side failed. Bodies too
 * large for one message travel through the service's presigned URLs ({@link BodyTransfers}), so the
 * WebSocket only ever carries the small answer, and they stream: a request body from its download into the
 * local request, a response body with a {@code Content-Length} from the local service into its upload, a
 * buffer at a time ({@link BufferStream}). The agent never holds such a body whole, so its memory does not
 * grow with the bodies in flight and its collections have nothing large to copy.
 */
public final class LocalRelay {

    /**
     * The largest body whose base64 form fits one message (98,304 bytes): a larger one is uploaded to the
     * URL the service offers, or refused when it offers none. A smaller one may still not fit with its
     * headers, which the exact encoding check catches.
     */
    public static final int MAX_INLINE_BODY_BYTES = ProtocolLimits.MAX_MESSAGE_BYTES / 4 * 3;

    /** Headers the JDK client computes itself (Host is set from the policy instead). */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "expect");
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LocalRelay.class);
    /** The body a streamed response leaves behind in the agent: none, it went to the upload. */
    private static final byte[] STREAMED = new byte[0];

    private final HttpClient client;
    private final String host;
    private final int port;
    private final String authority;
    private final HostHeaderPolicy hostHeader;
    private final Duration timeout;
    private final boolean hostSettable;
    private final BodyTransfers transfers;

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
                // Responses are handed to the body subscriber on the client's selector thread instead of
                // a pool thread, one thread hand-off less per request; safe because no subscriber blocks.
                .executor(Runnable::run)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .build();
        this.transfers = new BodyTransfers(timeout);
    }

    /** The local service's {@code host:port}, as error messages name it. */
    public String authority() {
        return authority;
    }

    /**
     * Relays {@code request} and hands its single outcome to {@code done}: an {@link TunnelResponse} or an
     * {@link ErrorMessage} with the request id, all within the local timeout counted from
     * {@code receivedAtNanos}. The calling thread never waits for the local service: the local call is
     * started here and answered on the HTTP client's selector thread when the response is complete, so no
     * thread is held while the local service works. A body that waits at a URL streams from its download; a response too
     * large for one message streams into its upload, or, without a {@code Content-Length}, is read whole
     * (up to the limit) and uploaded on {@code blockingWork}. {@code done} must not block.
     */
    public void relay(TunnelRequest request, long receivedAtNanos, Executor blockingWork, Consumer<RelayOutcome> done) {
        long deadline = receivedAtNanos + timeout.toNanos();
        if (deadline - System.nanoTime() <= 0) {
            done.accept(error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, "the request waited in the agent's queue "
                    + "longer than the local timeout of " + timeout.toMillis() + " ms"));
            return;
        }
        if (request.bodyUrl() == null) {
            send(request, BodyTransfers.Download.of(request.bodyBytes()), deadline, blockingWork, done);
            return;
        }
        transfers.download(request.bodyUrl(), ProtocolLimits.MAX_BODY_BYTES, deadline).whenComplete((body, failed) -> {
            if (failed == null) {
                send(request, body, deadline, blockingWork, done);
            } else {
                done.accept(downloadFailed(request, unwrap(failed)));
            }
        });
    }

    private static RelayOutcome downloadFailed(TunnelRequest request, Throwable cause) {
        if (cause instanceof OversizedBodyException tooLarge) {
            return error(request, ErrorCode.BODY_TOO_LARGE, "the body of " + request.method() + " " + request.path()
                    + " at " + BodyTransfers.redacted(request.bodyUrl()) + " is " + tooLarge.describeSize()
                    + ", over the " + tooLarge.limit() + "-byte limit for a body through the tunnel");
        }
        return error(request, ErrorCode.AGENT_ERROR, "the agent cannot relay " + request.method() + " "
                + request.path() + ": " + cause.getMessage());
    }

    /** Replays {@code request} with {@code body} on the local service and answers from its response. */
    private void send(TunnelRequest request, BodyTransfers.Download body, long deadline, Executor blockingWork,
                      Consumer<RelayOutcome> done) {
        long bodyLength = body.length();
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
            body.discard();
            done.accept(timedOut(request));
            return;
        }
        HttpRequest localRequest;
        try {
            localRequest = toLocalRequest(request, body.body(), Duration.ofNanos(remainingNanos));
        } catch (IllegalArgumentException unsendable) {
            body.discard();
            done.accept(error(request, ErrorCode.AGENT_ERROR, "the agent cannot relay " + request.method() + " "
                    + request.path() + ": " + unsendable.getMessage()));
            return;
        }
        // Without an upload URL nothing over one message can be answered: stop reading there.
        int readLimit = request.responseBodyUploadUrl() == null ? MAX_INLINE_BODY_BYTES : ProtocolLimits.MAX_BODY_BYTES;
        AtomicBoolean answered = new AtomicBoolean();
        Consumer<RelayOutcome> once = outcome -> {
            if (answered.compareAndSet(false, true)) {
                // An app may answer before reading all of a streamed request body: let go of its download.
                body.discard();
                done.accept(outcome);
            }
        };
        // The future sendAsync returns completes on CompletableFuture's default executor (a new thread per
        // task on fewer than three cores), so the answer is taken from the body subscriber, which completes
        // on the selector thread; the future only reports failures that come before any body. The request
        // timeout covers the wait for the headers, the subscriber's deadline the body.
        client.sendAsync(localRequest, info -> {
            long declared = declaredLength(request, info);
            if (request.responseBodyUploadUrl() != null && declared > MAX_INLINE_BODY_BYTES
                    && declared <= ProtocolLimits.MAX_BODY_BYTES) {
                return streamToUpload(request, bodyLength, info.statusCode(), relayedHeaders(info.headers()), declared,
                        deadline, once);
            }
            BoundedBodySubscriber subscriber = BoundedBodySubscriber
                    .refusingOver(readLimit, declared, true)
                    .expiringAt(deadline);
            subscriber.getBody().whenComplete((bytes, failure) -> {
                if (failure != null) {
                    once.accept(failure(request, unwrap(failure)));
                    return;
                }
                HeaderList headers = relayedHeaders(info.headers());
                Optional<RelayOutcome> inline = inline(request, bodyLength, info.statusCode(), headers, bytes);
                if (inline.isPresent()) {
                    once.accept(inline.get());
                } else {
                    try {
                        blockingWork.execute(() -> once.accept(
                                answer(request, bodyLength, info.statusCode(), headers, bytes, deadline)));
                    } catch (RejectedExecutionException shutDown) {
                        once.accept(error(request, ErrorCode.AGENT_ERROR, "the agent is shutting down"));
                    }
                }
            });
            return subscriber;
        }).whenComplete((response, failure) -> {
            if (failure == null) {
                return;
            }
            boolean downloadStalled = body.stalled();
            body.discard();
            Throwable cause = unwrap(failure);
            Throwable brokenOff = body.brokenOff();
            // While the body streams from its download, the app is not to blame for the download's faults.
            if (brokenOff != null) {
                once.accept(error(request, ErrorCode.AGENT_ERROR, "the agent cannot relay " + request.method() + " "
                        + request.path() + ": downloading the request body from "
                        + BodyTransfers.redacted(request.bodyUrl()) + " broke off: " + brokenOff));
            } else if (downloadStalled && isTimeout(cause)) {
                once.accept(error(request, ErrorCode.AGENT_ERROR, "the agent cannot relay " + request.method() + " "
                        + request.path() + ": downloading the request body from "
                        + BodyTransfers.redacted(request.bodyUrl()) + " did not finish within the local timeout of "
                        + timeout.toMillis() + " ms"));
            } else {
                once.accept(failure(request, cause));
            }
        });
    }

    /**
     * The subscriber for a local response announced too large for one message: its body streams into the
     * upload as it arrives, so the agent never holds it whole, and the answer goes once the upload is in.
     */
    private HttpResponse.BodySubscriber<byte[]> streamToUpload(
            TunnelRequest request, long requestBytes, int status, HeaderList headers, long length, long deadline,
            Consumer<RelayOutcome> once) {
        return HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofPublisher(), source -> {
                    BufferStream body = new BufferStream(source);
                    transfers.upload(request.responseBodyUploadUrl(),
                            HttpRequest.BodyPublishers.fromPublisher(body, length), length, deadline)
                            .whenComplete((uploaded, failed) -> {
                                if (failed == null) {
                                    once.accept(new RelayOutcome(TunnelResponse.uploaded(request.requestId(), status,
                                            headers), requestBytes, length));
                                    return;
                                }
                                boolean localStalled = body.waitingForSource();
                                body.discard();
                                Throwable cause = unwrap(failed);
                                // The side that broke off, or kept the other waiting, is the one named.
                                if (body.sourceFailure() != null) {
                                    once.accept(failure(request, body.sourceFailure()));
                                } else if (localStalled && cause instanceof BodyTransfers.TransferException transfer
                                        && transfer.timedOut()) {
                                    once.accept(error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, authority + " did not"
                                            + " send all of its response body to " + request.method() + " "
                                            + request.path() + " within " + timeout.toMillis() + " ms"));
                                } else {
                                    once.accept(uploadFailed(request, requestBytes, status, cause));
                                }
                            });
                    return STREAMED;
                });
    }

    private RelayOutcome uploadFailed(TunnelRequest request, long requestBytes, int status, Throwable failure) {
        return new RelayOutcome(ErrorMessage.forRequest(request.requestId(), ErrorCode.AGENT_ERROR,
                "the agent cannot answer " + request.method() + " " + request.path() + " (status " + status + " from "
                        + authority + "): " + failure.getMessage()), requestBytes, 0);
    }

    private static boolean isTimeout(Throwable cause) {
        Throwable inner = cause.getClass() == IOException.class && cause.getCause() != null ? cause.getCause() : cause;
        return inner instanceof HttpTimeoutException && !(inner instanceof HttpConnectTimeoutException)
                || inner instanceof java.util.concurrent.TimeoutException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The announced body length, or -1 where no body follows whatever the header says (HEAD, 1xx, 204, 304). */
    private static long declaredLength(TunnelRequest request, HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        if ("HEAD".equals(request.method()) || status < 200 || status == 204 || status == 304) {
            return -1;
        }
        return info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    /** The local response as one message, when it fits one. */
    private static Optional<RelayOutcome> inline(TunnelRequest request, long requestBytes, int status,
                                                 HeaderList headers, byte[] body) {
        if (body.length > MAX_INLINE_BODY_BYTES) {
            return Optional.empty();
        }
        TunnelResponse inline = TunnelResponse.of(request.requestId(), status, headers, body);
        try {
            return Optional.of(new RelayOutcome(inline, requestBytes, body.length, MessageCodec.encode(inline)));
        } catch (MessageTooLargeException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * The local response as one message when it fits, else uploaded when the service offered a URL: may
     * block for the upload.
     */
    private RelayOutcome answer(TunnelRequest request, long requestBytes, int status, HeaderList headers,
                                byte[] body, long deadline) {
        Optional<RelayOutcome> inline = inline(request, requestBytes, status, headers, body);
        if (inline.isPresent()) {
            return inline.get();
        }
        String uploadUrl = request.responseBodyUploadUrl();
        if (uploadUrl == null) {
            int encodedSize = body.length > MAX_INLINE_BODY_BYTES ? -1 : encodedSize(request, status, headers, body);
            return error(request, ErrorCode.BODY_TOO_LARGE, encodedSize < 0
                    ? tooLargeForOneMessage(request, body.length + " bytes")
                    : "the response of " + authority + " to " + request.method() + " " + request.path() + " is "
                            + encodedSize + " bytes once encoded, over the " + ProtocolLimits.MAX_MESSAGE_BYTES
                            + "-byte message limit, and the service offered no upload URL");
        }
        if (body.length > ProtocolLimits.MAX_BODY_BYTES) {
            return error(request, ErrorCode.BODY_TOO_LARGE,
                    tooLargeForTheTunnel(request, body.length + " bytes", ProtocolLimits.MAX_BODY_BYTES));
        }
        try {
            transfers.upload(uploadUrl, body, deadline);
        } catch (BodyTransfers.TransferException failed) {
            return uploadFailed(request, requestBytes, status, failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(request, ErrorCode.AGENT_ERROR, "the agent is shutting down");
        }
        return new RelayOutcome(TunnelResponse.uploaded(request.requestId(), status, headers),
                requestBytes, body.length);
    }

    /** The size of the response as one message, for a response that does not fit one. */
    private static int encodedSize(TunnelRequest request, int status, HeaderList headers, byte[] body) {
        try {
            return MessageCodec.encodeToBytes(TunnelResponse.of(request.requestId(), status, headers, body)).length;
        } catch (MessageTooLargeException tooLarge) {
            return tooLarge.size();
        }
    }

    private String tooLargeForOneMessage(TunnelRequest request, String size) {
        return "the response of " + authority + " to " + request.method() + " " + request.path() + " has a body of "
                + size + ", over the " + MAX_INLINE_BODY_BYTES + " bytes one tunnel message can carry, and the "
                + "service offered no upload URL for larger bodies";
    }

    private String tooLargeForTheTunnel(TunnelRequest request, String size, long limit) {
        return "the response of " + authority + " to " + request.method() + " " + request.path() + " has a body of "
                + size + ", over the " + limit + "-byte limit for a body through the tunnel";
    }

    private HttpRequest toLocalRequest(TunnelRequest request, HttpRequest.BodyPublisher body,
                                                     Duration remaining) {
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
            request.headers().first("Host").ifPresent(publicHost -> builder.header("X-Forwarded-Host", publicHost));
        }
        return builder.build();
    }

    private static HeaderList relayedHeaders(HttpHeaders local) {
        List<HeaderField> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : local.map().entrySet()) {
            if (entry.getKey().startsWith(":")) {
                continue;
            }
            for (String value : entry.getValue()) {
                headers.add(new HeaderField(entry.getKey(), value));
            }
        }
        return HopByHopHeaders.strip(new HeaderList(headers), Set.of());
    }

    private RelayOutcome failure(TunnelRequest request, Throwable thrown) {
        // The client may report a failure of the body (refused, late) as a plain IOException around it:
        // look at that cause.
        Throwable cause = thrown;
        if (thrown.getClass() == IOException.class && thrown.getCause() != null) {
            cause = thrown.getCause();
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return timedOut(request);
        }
        if (cause instanceof OversizedBodyException tooLarge) {
            return error(request, ErrorCode.BODY_TOO_LARGE, tooLarge.limit() == MAX_INLINE_BODY_BYTES
                    ? tooLargeForOneMessage(request, tooLarge.describeSize())
                    : tooLargeForTheTunnel(request, tooLarge.describeSize(), tooLarge.limit()));
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

    private RelayOutcome timedOut(TunnelRequest request) {
        return error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, authority + " did not answer " + request.method()
                + " " + request.path() + " within " + timeout.toMillis() + " ms");
    }

    private static RelayOutcome error(TunnelRequest request, ErrorCode code, String message) {
        return RelayOutcome.of(ErrorMessage.forRequest(request.requestId(), code, message));
    }
}
