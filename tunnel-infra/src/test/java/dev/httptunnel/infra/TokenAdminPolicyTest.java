package dev.httptunnel.infra;

import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.PlanMocks;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy the owner attaches to whoever runs the token administration, exported by the stack: exactly
 * what creating, listing, granting and revoking do, on this stack's tokens table, index and API only.
 */
class TokenAdminPolicyTest {

    private static final String REGION_ACCOUNT = "us-east-1:" + PlanMocks.ACCOUNT;
    private static final String TOKENS = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/http-tunnel-tokens-dev";
    private static final String SUBDOMAIN_INDEX = "arn:aws:dynamodb:" + REGION_ACCOUNT
            + ":table/http-tunnel-connections-dev/index/subdomain-index";

    private final MockedStack.Result dev = StackFixtures.run("dev");

    @Test
    void theAdmin_mayReadWriteAndScanTokens_queryConnectionsByName_andCloseConnections_only() {
        String closeConnections = "arn:aws:execute-api:" + REGION_ACCOUNT + ":" + dev.outputs().get("websocketApiId")
                + "/dev/DELETE/@connections/*";

        assertThat(grants()).containsExactlyInAnyOrder(
                "dynamodb:GetItem on " + TOKENS, "dynamodb:PutItem on " + TOKENS, "dynamodb:UpdateItem on " + TOKENS,
                "dynamodb:Scan on " + TOKENS,
                "dynamodb:Query on " + SUBDOMAIN_INDEX,
                "execute-api:ManageConnections on " + closeConnections);
    }

    @Test
    void theAdmin_mayNeitherDeleteTokensNorTouchConnectionRowsOrPendingRequests() {
        assertThat(grants())
                .noneMatch(grant -> grant.contains("DeleteItem"))
                .noneMatch(grant -> grant.endsWith(":table/http-tunnel-connections-dev"))
                .noneMatch(grant -> grant.contains("pending-requests"))
                .noneMatch(grant -> grant.contains("/POST/"));
    }

    private Set<String> grants() {
        return PolicyGrants.of(String.valueOf(dev.outputs().get("tokenAdminPolicy")), "token admin");
    }
}
