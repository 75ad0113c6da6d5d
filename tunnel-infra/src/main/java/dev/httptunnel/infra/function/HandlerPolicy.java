package dev.httptunnel.infra.function;

import dev.httptunnel.infra.iam.PolicyDocument;
import dev.httptunnel.lambda.config.TunnelFunction;

import java.util.List;
import java.util.Map;

import static dev.httptunnel.infra.iam.PolicyStatement.allow;
import static dev.httptunnel.infra.iam.PolicyStatement.allowWhen;

/**
 * What each Java handler really does to AWS, and therefore all its role may do. The switch has no
 * default: a new function does not compile until someone decides its permissions.
 */
public final class HandlerPolicy {

    private static final List<String> MANAGE_CONNECTIONS = List.of("execute-api:ManageConnections");
    private static final List<String> BODY_OBJECTS = List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject");

    /** Keys of the tokens table's name items: {@code name#<name>}, never a token's {@code token#<hash>}. */
    public static final String NAME_ITEM_KEYS = "name#*";

    private HandlerPolicy() {
    }

    public static PolicyDocument of(TunnelFunction function, HandlerResources arns) {
        return switch (function) {
            // Conditional PutItem of the tunnel-claim item and of the connection item. On the tokens table only
            // item actions: GetItem of the token (and of a name's holder), the conditional PutItem of a name
            // claimed on first use, UpdateItem of the token's names and last use. Never Scan or Query: the
            // handler looks tokens up by hash and cannot list them.
            case CONNECT -> PolicyDocument.of(
                    allow(List.of("dynamodb:PutItem"), arns.connectionsTable()),
                    allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), arns.tokensTable()));
            case DISCONNECT -> PolicyDocument.of(
                    allow(List.of("dynamodb:DeleteItem"), arns.connectionsTable()));
            // Looks the tunnel up by subdomain, parks the request, posts it to the agent, polls for the
            // answer, and deletes the connection row when the agent is gone (410). Pending rows are never
            // deleted: DynamoDB's TTL removes them at no cost. While it waits it reads its connection's row
            // (GetItem), to answer at once when the agent left with the request. When no connection serves a
            // tunnel it reads who holds the name (GetItem of name items only, by the LeadingKeys condition:
            // token items stay unreadable to it), to hold the request for a held name and 404 any other.
            // Large bodies: it puts request bodies and presigns a GET of them for the agent, presigns a PUT
            // of the response body for the agent and then gets it, and deletes both after use. A presigned
            // URL acts with the signer's rights, so the agent's GET and PUT need this role's grants too.
            case FORWARDING -> PolicyDocument.of(
                    allow(List.of("dynamodb:Query"), arns.subdomainIndex()),
                    allow(List.of("dynamodb:GetItem", "dynamodb:DeleteItem"), arns.connectionsTable()),
                    allow(List.of("dynamodb:PutItem", "dynamodb:GetItem"), arns.pendingRequestsTable()),
                    allowWhen(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", NAME_ITEM_KEYS)),
                            List.of("dynamodb:GetItem"), arns.tokensTable()),
                    allow(MANAGE_CONNECTIONS, arns.manageConnections()),
                    allow(BODY_OBJECTS, arns.requestBodies(), arns.responseBodies()));
            // Answers the agent's "ready" (reads its connection, posts back) and stores responses with a
            // conditional UpdateItem. A new agent's ready replaces the name's other connections: it queries them
            // by subdomain, posts each its notice and closes it (DELETE @connections).
            case RESPONSE -> PolicyDocument.of(
                    allow(List.of("dynamodb:Query"), arns.subdomainIndex()),
                    allow(List.of("dynamodb:GetItem"), arns.connectionsTable()),
                    allow(List.of("dynamodb:UpdateItem"), arns.pendingRequestsTable()),
                    allow(MANAGE_CONNECTIONS, arns.manageConnections(), arns.deleteConnections()));
        };
    }
}
