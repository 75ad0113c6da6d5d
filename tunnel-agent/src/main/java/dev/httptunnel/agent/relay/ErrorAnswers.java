package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.ProtocolException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code error} answer to a request the agent could not relay: which code, and a message that names the
 * side that failed (the local service by its {@code host:port}, a presigned URL without its signature, the
 * agent itself) and the limit or timeout it ran into. Every error message the agent answers a request with
 * is worded here.
 */
public final class ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private final String authority;
    private final long timeoutMillis;

    /**
     * @param authority the local service's {@code host:port}
     * @param timeout the local timeout, counted from a request's arrival
     */
    ErrorAnswers(String authority, Duration timeout) {
        this.authority = authority;
        this.timeoutMillis = timeout.toMillis();
    }

    RelayOutcome queuedTooLong(TunnelRequest request) {
        return error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, "the request waited in the agent's queue longer "
                + "than the local timeout of " + timeoutMillis + " ms");
    }

    /** The request body at its URL could not be had: over the limit, or its download failed. */
    static RelayOutcome requestBodyFailed(TunnelRequest request, Throwable cause) {
        if (cause instanceof OversizedBodyException tooLarge) {
            return error(request, ErrorCode.REQUEST_TOO_LARGE, "the body of " + request.method() + " " + request.path()
                    + " at " + RedactedUrl.of(request.bodyUrl()) + " is " + tooLarge.describeSize() + ", over the "
                    + tooLarge.limit() + "-byte limit for a body through the tunnel");
        }
        return cannotRelay(request, cause.getMessage());
    }

    /** The download failed while the local service was reading the body from it. */
    static RelayOutcome downloadBrokeOff(TunnelRequest request, Throwable cause) {
        return requestBodyFailed(request,
                TransferException.brokenOff(TransferException.downloading(request.bodyUrl()), cause));
    }

    /** The local service was waiting for the download's next bytes when the local timeout ran out. */
    RelayOutcome downloadStalled(TunnelRequest request) {
        return requestBodyFailed(request,
                TransferException.timedOut(TransferException.downloading(request.bodyUrl()), timeoutMillis));
    }

    /** The JDK client refuses to build the request: a method such as CONNECT, a header it does not allow. */
    static RelayOutcome unsendable(TunnelRequest request, IllegalArgumentException refused) {
        return cannotRelay(request, refused.getMessage());
    }

    /** The local call failed: refused, broken, late, or its response over the limit the agent reads. */
    RelayOutcome localFailure(TunnelRequest request, Throwable thrown) {
        Throwable cause = FailureCause.ofBody(thrown);
        if (cause instanceof TimeoutException
                || cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return timedOut(request);
        }
        if (cause instanceof OversizedBodyException tooLarge) {
            return responseTooLarge(request, tooLarge);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return error(request, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "could not connect to " + authority
                    + " in time: is the local service running?");
        }
        if (cause instanceof ConnectException) {
            return error(request, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "connection to " + authority
                    + " refused: is the local service running?");
        }
        if (cause instanceof IOException) {
            return error(request, ErrorCode.LOCAL_SERVICE_UNAVAILABLE, "the connection to " + authority
                    + " failed: " + cause.getMessage());
        }
        return unexpected(request, cause);
    }

    RelayOutcome timedOut(TunnelRequest request) {
        return error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, authority + " did not answer " + request.method()
                + " " + request.path() + " within " + timeoutMillis + " ms");
    }

    /** The upload of a streamed response was waiting for the local service when the local timeout ran out. */
    RelayOutcome responseStalled(TunnelRequest request) {
        return error(request, ErrorCode.LOCAL_SERVICE_TIMEOUT, authority + " did not send all of its response body"
                + " to " + request.method() + " " + request.path() + " within " + timeoutMillis + " ms");
    }

    /** A response body over what one message carries (no upload URL offered) or over the tunnel's limit. */
    RelayOutcome responseTooLarge(TunnelRequest request, OversizedBodyException tooLarge) {
        String prefix = "the response of " + authority + " to " + request.method() + " " + request.path()
                + " has a body of " + tooLarge.describeSize() + ", over the ";
        return error(request, ErrorCode.RESPONSE_TOO_LARGE, tooLarge.limit() == InlineAnswer.MAX_BODY_BYTES
                ? prefix + InlineAnswer.MAX_BODY_BYTES + " bytes one tunnel message can carry, and the service "
                        + "offered no upload URL for larger bodies"
                : prefix + tooLarge.limit() + "-byte limit for a body through the tunnel");
    }

    /** A body small enough for one message whose headers push the message over the limit, with no upload URL. */
    RelayOutcome encodedTooLarge(TunnelRequest request, int encodedSize) {
        return error(request, ErrorCode.RESPONSE_TOO_LARGE, "the response of " + authority + " to " + request.method()
                + " " + request.path() + " is " + encodedSize + " bytes once encoded, over the "
                + ProtocolLimits.MAX_MESSAGE_BYTES + "-byte message limit, and the service offered no upload URL");
    }

    /** The response body's upload failed; the request body did reach the local service. */
    RelayOutcome uploadFailed(TunnelRequest request, long requestBytes, int status, Throwable failure) {
        return new RelayOutcome(ErrorMessage.forRequest(request.requestId(), ErrorCode.AGENT_ERROR,
                "the agent cannot answer " + request.method() + " " + request.path() + " (status " + status + " from "
                        + authority + "): " + failure.getMessage()), requestBytes, 0);
    }

    static RelayOutcome busy(TunnelRequest request, int maxConcurrency, int queueCapacity) {
        return error(request, ErrorCode.AGENT_BUSY, "the agent already has " + maxConcurrency
                + " requests in flight and " + queueCapacity + " queued");
    }

    static RelayOutcome shuttingDown(TunnelRequest request) {
        return error(request, ErrorCode.AGENT_ERROR, "the agent is shutting down");
    }

    /** A failure the relay has no words for: a fault of the agent, logged with its stack. */
    static RelayOutcome unexpected(TunnelRequest request, Throwable cause) {
        LOG.warn("Relaying {} {} failed", request.method(), request.path(), cause);
        return error(request, ErrorCode.AGENT_ERROR, "the agent failed to relay the request: " + cause);
    }

    /** The answer, once encoded, is over one message: the service would never get it. */
    public static ErrorMessage tooLargeToSend(TunnelRequest request, MessageTooLargeException tooLarge) {
        return ErrorMessage.forRequest(request.requestId(), ErrorCode.RESPONSE_TOO_LARGE, "the response to "
                + request.method() + " " + request.path() + " is " + tooLarge.size()
                + " bytes once encoded, over the " + tooLarge.limit() + "-byte message limit");
    }

    /**
     * A message the agent cannot decode: answered for {@code requestId} when the text named a valid one, so
     * the caller gets a prompt error instead of waiting for the deadline; else a general error.
     */
    public static ErrorMessage unreadable(String requestId, ProtocolException problem) {
        String reason = "the agent could not read the message: " + problem.getMessage();
        if (requestId != null) {
            try {
                return ErrorMessage.forRequest(requestId, ErrorCode.INVALID_MESSAGE, reason);
            } catch (IllegalArgumentException notARequestId) {
                return ErrorMessage.general(ErrorCode.INVALID_MESSAGE, reason);
            }
        }
        return ErrorMessage.general(ErrorCode.INVALID_MESSAGE, reason);
    }

    private static RelayOutcome cannotRelay(TunnelRequest request, String why) {
        return error(request, ErrorCode.AGENT_ERROR, "the agent cannot relay " + request.method() + " "
                + request.path() + ": " + why);
    }

    private static RelayOutcome error(TunnelRequest request, ErrorCode code, String message) {
        return RelayOutcome.of(ErrorMessage.forRequest(request.requestId(), code, message));
    }
}
