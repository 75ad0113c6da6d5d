package dev.httptunnel.agent.relay;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A request body too large for one message, fetched with a plain GET of the presigned URL it waits at. */
final class PresignedDownload {

    private final PresignedClient client;

    PresignedDownload(PresignedClient client) {
        this.client = client;
    }

    /** What the download's answer turned out to be, once its headers are in. */
    private sealed interface Opened {
    }

    private record Streaming(RequestBody body) implements Opened {
    }

    private record Refused(int status, byte[] answer) implements Opened {
    }

    /**
     * Starts downloading the body at {@code url}, completing once its headers are in: its bytes then
     * stream as the {@link RequestBody} is read, never held whole. A body without a {@code Content-Length}
     * (S3 always sends one) is read whole first, up to {@code limit}.
     *
     * <p>Fails with {@link OversizedBodyException} when the body is over {@code limit}, and with
     * {@link TransferException} for any other failure: unreachable, non-2xx, no headers by
     * {@code deadlineNanos}.
     */
    CompletableFuture<RequestBody> start(String url, int limit, long deadlineNanos) {
        String transfer = TransferException.downloading(url);
        HttpRequest get;
        try {
            get = client.request(url, deadlineNanos, transfer).GET().build();
        } catch (TransferException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.send(get, info -> opening(info, limit), deadlineNanos, transfer, PresignedDownload::letGo)
                .thenApply(response -> {
                    if (response.body() instanceof Refused refused) {
                        throw new CompletionException(
                                TransferException.refused(transfer, refused.status(), refused.answer()));
                    }
                    return ((Streaming) response.body()).body();
                });
    }

    /** A download whose headers came in after the deadline: nobody will read it. */
    private static void letGo(HttpResponse<Opened> late) {
        if (late.body() instanceof Streaming streaming) {
            streaming.body().discard();
        }
    }

    private static HttpResponse.BodySubscriber<Opened> opening(HttpResponse.ResponseInfo info, int limit) {
        if (info.statusCode() / 100 != 2) {
            return HttpResponse.BodySubscribers.mapping(
                    BoundedBodySubscriber.truncatingAt(TransferException.QUOTED_BYTES),
                    answer -> new Refused(info.statusCode(), answer));
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared <= 0 || declared > limit) {
            // Refused at once when announced too large; read whole, up to the limit, when not announced
            // (and an empty body is no stream: a request body publisher of length 0 is refused).
            return HttpResponse.BodySubscribers.mapping(BoundedBodySubscriber.refusingOver(limit, declared, true),
                    whole -> new Streaming(RequestBody.of(whole)));
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(),
                source -> new Streaming(RequestBody.streaming(declared, new BufferStream(source))));
    }
}
