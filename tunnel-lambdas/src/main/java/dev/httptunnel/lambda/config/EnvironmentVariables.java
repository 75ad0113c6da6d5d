package dev.httptunnel.lambda.config;

/**
 * Names of the environment variables the handlers read. The infrastructure program sets them from
 * these same constants, so a rename cannot leave a function without its setting.
 */
public final class EnvironmentVariables {

    /** Table of agent connections (hash key {@code connectionId}, GSI {@code subdomain-index}). */
    public static final String CONNECTIONS_TABLE_NAME = "CONNECTIONS_TABLE_NAME";

    /** Table of public requests waiting for the agent's answer (hash key {@code requestId}). */
    public static final String PENDING_REQUESTS_TABLE_NAME = "PENDING_REQUESTS_TABLE_NAME";

    /**
     * Table of agent tokens and the names they hold (hash key {@code id}: {@code token#<sha256>} or
     * {@code name#<name>}). The connect handler reads and writes it; the forwarding handler reads name items
     * only, to tell a name some token holds (its requests are held) from one nobody does (404).
     */
    public static final String TOKENS_TABLE_NAME = "TOKENS_TABLE_NAME";

    /** The wildcard domain whose subdomains name tunnels, e.g. {@code tunnel.example.com}. */
    public static final String DOMAIN_NAME = "DOMAIN_NAME";

    /** The Management API endpoint {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}}. */
    public static final String WEBSOCKET_API_ENDPOINT = "WEBSOCKET_API_ENDPOINT";

    /**
     * Comma-separated templates of the public URLs announced to the agent; {@code {tunnel}} stands for
     * the tunnel id, e.g. {@code https://{tunnel}.tunnel.example.com,https://abc.execute-api.us-east-1.amazonaws.com/{tunnel}}.
     */
    public static final String PUBLIC_URL_TEMPLATES = "PUBLIC_URL_TEMPLATES";

    /**
     * Optional: the S3 bucket through which bodies too large for one WebSocket message travel. Without it
     * the tunnel carries bodies up to about 96 KB and answers larger ones with 413/502.
     */
    public static final String BODY_BUCKET_NAME = "BODY_BUCKET_NAME";

    /** Optional: how long the forwarding handler waits for the agent, in ms (default just under 29 s). */
    public static final String RESPONSE_DEADLINE_MILLIS = "RESPONSE_DEADLINE_MILLIS";

    /**
     * Optional: how long, in ms, a request for a name that a token holds but no connection serves waits for
     * the agent to come back before it is answered 503 "tunnel offline" (default 10 s; 0 holds none).
     */
    public static final String OFFLINE_HOLD_MILLIS = "OFFLINE_HOLD_MILLIS";

    private EnvironmentVariables() {
    }
}
