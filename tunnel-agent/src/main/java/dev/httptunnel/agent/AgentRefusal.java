package dev.httptunnel.agent;

import dev.httptunnel.identity.ConnectRefusal;

/**
 * Why the service would not let this agent open its tunnel, in a sentence that says what to do about it.
 * API Gateway passes the status of a refused upgrade but not its body, so the status is all there is.
 */
public record AgentRefusal(ConnectRefusal reason, String message) {

    /**
     * The refusal the upgrade's status stands for, worded for this agent's token, name and endpoint.
     *
     * @param everConnected whether this agent has had a connection at this endpoint: then a 403 is a revoked
     *     token; before, it is more likely a stage that does not exist
     */
    public static AgentRefusal of(ConnectRefusal reason, AgentSettings settings, boolean everConnected) {
        String token = settings.token() == null ? "no token" : "the token " + settings.token().displayPrefix();
        String path = settings.endpoint().getRawPath() == null || settings.endpoint().getRawPath().isEmpty()
                ? "/" : settings.endpoint().getRawPath();
        String message = switch (reason) {
            case UNKNOWN_TOKEN -> "the service does not know " + token + " (HTTP 401): it is not a token of this "
                    + "stack, or was mistyped. Ask the stack owner for one (tunnel-admin token create).";
            case REVOKED_TOKEN -> everConnected
                    ? "the service refused " + token + " (HTTP 403): the stack owner revoked it."
                    : settings.endpoint() + " refused the upgrade with HTTP 403: most likely the stage in the "
                            + "endpoint's path (" + path + ") is not one of the stack's, since API Gateway answers "
                            + "403 for a stage that does not exist (use the stack's websocketEndpoint output); or "
                            + "the stack owner revoked " + token + ".";
            case NAME_REFUSED -> (settings.tunnelName() == null
                    ? "the service refused the token's own name"
                    : "the name '" + settings.tunnelName() + "' is not granted to " + token + ", or another token "
                            + "holds it") + " (HTTP 409). Ask the stack owner (tunnel-admin token grant), or leave "
                    + "out --name to serve the token's own name.";
            case NO_WEBSOCKET_API -> settings.endpoint() + " answered the upgrade with HTTP 404: no WebSocket API "
                    + "is at that URL. Check the endpoint's path (" + path + "; from --endpoint, TUNNEL_ENDPOINT "
                    + "or the config file): the stack's websocketEndpoint output, "
                    + "wss://<api>.execute-api.<region>.amazonaws.com/<stage>, or the local gateway's "
                    + "ws://localhost:8081/local; not the public HTTP API's URL.";
        };
        return new AgentRefusal(reason, message);
    }
}
