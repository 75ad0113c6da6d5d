package dev.httptunnel.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why {@code $connect} refused an agent, as the status of the failed upgrade: API Gateway passes the status
 * to the client but not the body, so the status is the whole message. One list for the connect handler that
 * answers and the agent that explains.
 */
public enum ConnectRefusal {

    /** No token, a malformed one, or one the stack does not know. */
    UNKNOWN_TOKEN(401),
    /** The stack owner revoked the token. */
    REVOKED_TOKEN(403),
    /** The requested name is not granted to this token, or another token holds it. */
    NAME_REFUSED(409);

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
