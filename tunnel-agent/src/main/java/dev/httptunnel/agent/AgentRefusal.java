package dev.httptunnel.agent;

import dev.httptunnel.identity.ConnectRefusal;

/**
 * Why the service would not let this agent open its tunnel, in a sentence that says what to do about it.
 * API Gateway passes the status of a refused upgrade but not its body, so the status is all there is.
 */
public record AgentRefusal(ConnectRefusal reason, String message) {

    /** The refusal the upgrade's status stands for, worded for this agent's token and name. */
    public static AgentRefusal of(ConnectRefusal reason, AgentSettings settings) {
        String token = settings.token() == null ? "no token" : "the token " + settings.token().displayPrefix();
        String message = switch (reason) {
            case UNKNOWN_TOKEN -> "the service does not know " + token + " (HTTP 401): it is not a token of this "
                    + "stack, or was mistyped. Ask the stack owner for one (tunnel-admin token create).";
            case REVOKED_TOKEN -> "the service refused " + token + " (HTTP 403): the stack owner revoked it. "
                    + "If the token is new, check the stage in --endpoint: API Gateway also answers 403 for a "
                    + "stage that does not exist.";
            case NAME_REFUSED -> (settings.tunnelName() == null
                    ? "the service refused the token's own name"
                    : "the name '" + settings.tunnelName() + "' is not granted to " + token + ", or another token "
                            + "holds it") + " (HTTP 409). Ask the stack owner (tunnel-admin token grant), or leave "
                    + "out --name to serve the token's own name.";
        };
        return new AgentRefusal(reason, message);
    }
}
