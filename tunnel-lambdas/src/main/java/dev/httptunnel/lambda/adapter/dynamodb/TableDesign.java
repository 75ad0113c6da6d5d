package dev.httptunnel.lambda.adapter.dynamodb;

/**
 * The three tables' names, keys and index: one definition shared by the adapters, the table creation of
 * the local gateway and tests, and the infrastructure program.
 */
public final class TableDesign {

    public static final String CONNECTIONS_TABLE_PREFIX = "http-tunnel-connections-";
    public static final String PENDING_REQUESTS_TABLE_PREFIX = "http-tunnel-pending-requests-";
    public static final String TOKENS_TABLE_PREFIX = "http-tunnel-tokens-";

    /** Hash key of the connections table. */
    public static final String CONNECTION_ID = "connectionId";
    /** Hash key of {@link #SUBDOMAIN_INDEX}: the tunnel id. Claim rows lack it, so the index skips them. */
    public static final String PUBLIC_SUBDOMAIN = "publicSubdomain";
    /** Global secondary index from tunnel id to connections, projection ALL. */
    public static final String SUBDOMAIN_INDEX = "subdomain-index";
    /** Hash key of the pending-requests table. */
    public static final String REQUEST_ID = "requestId";
    /** Hash key of the tokens table: {@code token#<sha256>} or {@code name#<tunnel name>}. No TTL, no index. */
    public static final String TOKEN_KEY = "id";
    /** TTL attribute of the connections and pending-requests tables, epoch seconds. */
    public static final String TTL = "ttl";

    private TableDesign() {
    }

    public static String connectionsTableName(String environment) {
        return CONNECTIONS_TABLE_PREFIX + environment;
    }

    public static String pendingRequestsTableName(String environment) {
        return PENDING_REQUESTS_TABLE_PREFIX + environment;
    }

    public static String tokensTableName(String environment) {
        return TOKENS_TABLE_PREFIX + environment;
    }
}
