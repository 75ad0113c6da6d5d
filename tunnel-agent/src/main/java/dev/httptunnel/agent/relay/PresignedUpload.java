package dev.httptunnel.agent.relay;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A response body too large for one message, sent with a plain PUT of the raw bytes to the presigned URL
 * the service offered (only {@code Content-Length} is added, no {@code Content-Type}, which the signature
 * may not cover).
 */
final class PresignedUpload {

    private final PresignedClient client;

    PresignedUpload(PresignedClient client) {
        this.client = client;
    }

    /**
     * PUTs {@code length} bytes from {@code body} to {@code url} within {@code deadlineNanos}, expecting a
     * 2xx; fails with {@link TransferException} when the upload fails or is refused.
     */
    CompletableFuture<Void> start(String url, HttpRequest.BodyPublisher body, long length, long deadlineNanos) {
        String transfer = TransferException.uploading(url, length);
        HttpRequest put;
        try {
            put = client.request(url, deadlineNanos, transfer).PUT(body).build();
        } catch (TransferException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.send(put, info -> BoundedBodySubscriber.truncatingAt(TransferException.QUOTED_BYTES),
                        deadlineNanos, transfer, late -> { })
                .thenApply(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new CompletionException(
                                TransferException.refused(transfer, response.statusCode(), response.body()));
                    }
                    return null;
                });
    }

    /** {@link #start} of a body held whole, waiting for the upload to finish. */
    void await(String url, byte[] body, long deadlineNanos) throws TransferException, InterruptedException {
        CompletableFuture<Void> upload = start(url, HttpRequest.BodyPublishers.ofByteArray(body), body.length,
                deadlineNanos);
        try {
            upload.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransferException transfer ? transfer
                    : TransferException.uploadFailed(e.getCause());
        }
    }
}
