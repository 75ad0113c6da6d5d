package dev.httptunnel.infra.iam;

import dev.httptunnel.infra.function.HandlerResources;

import java.util.List;

import static dev.httptunnel.infra.iam.PolicyStatement.allow;

/**
 * What the stack owner's token administration does to AWS, as a policy the owner can attach to the user or
 * role that runs it: item actions on the tokens table and a Scan of it (listing, finding a token by its
 * display prefix), a Query of the connections' subdomain index (a revoked token's live connections) and
 * {@code DELETE @connections/*} of this API and stage (closing them). Nothing on the other tables' items.
 */
public final class TokenAdminPolicy {

    private TokenAdminPolicy() {
    }

    /** @param deleteConnections {@code <wsExecutionArn>/<stage>/DELETE/@connections/*} */
    public static PolicyDocument of(HandlerResources arns, String deleteConnections) {
        return PolicyDocument.of(
                allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Scan"),
                        arns.tokensTable()),
                allow(List.of("dynamodb:Query"), arns.subdomainIndex()),
                allow(List.of("execute-api:ManageConnections"), deleteConnections));
    }
}
