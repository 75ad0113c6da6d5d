package dev.httptunnel.agent.relay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A transfer through a presigned URL that failed. Its message names the transfer, the URL without its
 * signature, and what went wrong, in words the error to the caller quotes.
 */
final class TransferException extends Exception {

    /** Bytes of a refusal's answer quoted in the error (S3 answers with a short XML error). */
    static final int QUOTED_BYTES = 300;

    private final boolean timedOut;

    private TransferException(String message, boolean timedOut) {
        super(message, null, false, false);
        this.timedOut = timedOut;
    }

    /** The transfer ran out of time (rather than being refused or broken). */
    boolean timedOut() {
        return timedOut;
    }

    static String downloading(String url) {
        return "downloading the request body from " + RedactedUrl.of(url);
    }

    static String uploading(String url, long length) {
        return "uploading the response body (" + length + " bytes) to " + RedactedUrl.of(url);
    }

    /** The URL answered with a non-2xx {@code status}; {@code answer} is the start of its body. */
    static TransferException refused(String transfer, int status, byte[] answer) {
        return new TransferException(transfer + " failed: HTTP " + status + quoted(answer), false);
    }

    static TransferException timedOut(String transfer, long timeoutMillis) {
        return new TransferException(transfer + " did not finish within the local timeout of " + timeoutMillis
                + " ms", true);
    }

    static TransferException noTimeLeft(String transfer, long timeoutMillis) {
        return new TransferException(transfer + " had no time left within the local timeout of " + timeoutMillis
                + " ms", false);
    }

    /** The URL could not be reached, or its connection failed before an answer. */
    static TransferException failed(String transfer, Throwable cause) {
        return new TransferException(transfer + " failed: " + describe(cause), false);
    }

    /** The transfer's connection failed while its body was being read. */
    static TransferException brokenOff(String transfer, Throwable cause) {
        return new TransferException(transfer + " broke off: " + cause, false);
    }

    /** An upload that failed in a way the transfer did not word. */
    static TransferException uploadFailed(Throwable cause) {
        return new TransferException("uploading the response body failed: " + cause, false);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect in time";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException && cause.getMessage() != null) {
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return cause.toString();
    }

    private static String quoted(byte[] answer) {
        if (answer == null || answer.length == 0) {
            return "";
        }
        String text = new String(answer, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : " (" + text + (answer.length >= QUOTED_BYTES ? "..." : "") + ")";
    }
}
