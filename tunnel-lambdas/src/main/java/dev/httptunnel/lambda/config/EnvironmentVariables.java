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
     * {@code name#<name>}). Only the connect handler reads it.
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

    private EnvironmentVariables() {
    }
}
