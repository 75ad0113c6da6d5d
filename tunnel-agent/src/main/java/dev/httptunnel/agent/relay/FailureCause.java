package dev.httptunnel.agent.relay;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The failure behind the wrappers that {@code CompletableFuture} and the JDK client put around it. */
public final class FailureCause {

    private FailureCause() {
    }

    /** {@code failure} without the {@link CompletionException}s and {@link ExecutionException}s around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * What went wrong, in words even when the exception carries no message: the innermost message there is,
     * with the exception's kind ({@code ClosedChannelException}, {@code EofException: reset by peer}).
     */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getClass().getSimpleName() + ": " + c.getMessage();
            }
        }
        return cause.getClass().getSimpleName();
    }

    /** The client may report a failure of the body (refused, late) as a plain IOException around it. */
    static Throwable ofBody(Throwable thrown) {
        return thrown.getClass() == IOException.class && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    /** Whether the local call ran out of time: no headers, or no whole body, by the deadline. */
    static boolean isTimeout(Throwable thrown) {
        Throwable cause = ofBody(thrown);
        return cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)
                || cause instanceof TimeoutException;
    }
}
