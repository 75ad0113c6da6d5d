package dev.httptunnel.infra.function;

import dev.httptunnel.infra.storage.BodyBucket;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;

/**
 * The resolved ARNs a handler's policy may name.
 *
 * @param connectionsTable    ARN of the connections table
 * @param pendingRequestsTable ARN of the pending-requests table
 * @param manageConnections   {@code <wsExecutionArn>/<stage>/POST/@connections/*}: posting to agents
 *                            of this API and stage only
 * @param deleteConnections   {@code <wsExecutionArn>/<stage>/DELETE/@connections/*}: closing them
 * @param bodyBucket          ARN of the bucket that carries large bodies ({@code arn:aws:s3:::<name>})
 * @param tokensTable         ARN of the tokens table
 */
public record HandlerResources(String connectionsTable, String pendingRequestsTable, String manageConnections,
                               String deleteConnections, String bodyBucket, String tokensTable) {

    /** The GSI the forwarding handler queries to find a tunnel's connection. */
    public String subdomainIndex() {
        return connectionsTable + "/index/" + TableDesign.SUBDOMAIN_INDEX;
    }

    /** Objects under {@code requests/}: large request bodies, fetched by the agent through a presigned GET. */
    public String requestBodies() {
        return bodyBucket + "/" + BodyBucket.REQUESTS_PREFIX + "*";
    }

    /** Objects under {@code responses/}: large response bodies, uploaded by the agent through a presigned PUT. */
    public String responseBodies() {
        return bodyBucket + "/" + BodyBucket.RESPONSES_PREFIX + "*";
    }
}
