package dev.httptunnel.local.lambda;

/** How one synchronous invocation ended, as API Gateway learns it from Lambda. */
public sealed interface Invocation {

    /** The handler returned; {@code responseJson} is its result as the Java runtime serializes it. */
    record Completed(byte[] responseJson) implements Invocation {
    }

    /** The invocation produced no usable result. */
    record Failed(Failure failure, String detail) implements Invocation {
    }

    enum Failure {
        /** Every unit of account concurrency is busy (Lambda's TooManyRequestsException). */
        THROTTLED,
        /** The event exceeds the synchronous payload quota (RequestEntityTooLargeException). */
        REQUEST_TOO_LARGE,
        /** The handler's result exceeds the synchronous payload quota. */
        RESPONSE_TOO_LARGE,
        /** The handler threw, or its input could not be read. */
        FUNCTION_ERROR,
        /** The integration timeout passed first; the handler goes on running, as on AWS. */
        TIMED_OUT
    }
}
