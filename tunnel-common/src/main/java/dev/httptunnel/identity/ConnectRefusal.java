package dev.httptunnel.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an agent's upgrade was refused for good, as the status of the failed upgrade: API Gateway passes the
 * status to the client but not the body, so the status is the whole message. The refusals of
 * {@code $connect}, one list for the connect handler that answers and the agent that explains, and the 404
 * of a URL where no WebSocket API is, which no function answers.
 */
public enum ConnectRefusal {

    /** No token, a malformed one, or one the stack does not know. */
    UNKNOWN_TOKEN(401),
    /** The stack owner revoked the token. */
    REVOKED_TOKEN(403),
    /** The requested name is not granted to this token, or another token holds it. */
    NAME_REFUSED(409),
    /** Nothing at the endpoint's path accepts the upgrade: the path is wrong, or the URL is not the WebSocket API's. */
    NO_WEBSOCKET_API(404);

    private final int status;

    ConnectRefusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Optional<ConnectRefusal> ofStatus(int status) {
        return Arrays.stream(values()).filter(r -> r.status == status).findFirst();
    }
}
