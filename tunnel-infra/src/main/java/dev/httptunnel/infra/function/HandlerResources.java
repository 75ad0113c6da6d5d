package dev.httptunnel.infra.function;

/**
 * The resolved ARNs a handler's policy may name.
 *
 * @param connectionsTable    ARN of the connections table
 * @param pendingRequestsTable ARN of the pending-requests table
 * @param manageConnections   {@code <wsExecutionArn>/<stage>/POST/@connections/*}: posting to agents
 *                            of this API and stage only
 */
public record HandlerResources(String connectionsTable, String pendingRequestsTable, String manageConnections) {

    public static final String SUBDOMAIN_INDEX = "subdomain-index";

    /** The GSI the forwarding handler queries to find a tunnel's connection. */
    public String subdomainIndex() {
        return connectionsTable + "/index/" + SUBDOMAIN_INDEX;
    }
}
