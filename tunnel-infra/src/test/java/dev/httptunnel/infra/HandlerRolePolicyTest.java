package dev.httptunnel.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.PlanMocks;
import dev.httptunnel.lambda.config.TunnelFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.httptunnel.infra.Types.BUCKET;
import static dev.httptunnel.infra.Types.ROLE_POLICY;
import static dev.httptunnel.infra.Types.ROLE_POLICY_ATTACHMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role may do exactly what its Java handler does, on exactly the resources of this stack. The
 * grants are read back from the policy JSON the program sends to AWS.
 */
class HandlerRolePolicyTest {

    private static final String REGION_ACCOUNT = "us-east-1:" + PlanMocks.ACCOUNT;
    private static final String CONNECTIONS = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/http-tunnel-connections-dev";
    private static final String PENDING = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/http-tunnel-pending-requests-dev";
    private static final String TOKENS = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/http-tunnel-tokens-dev";

    private final MockedStack.Result dev = StackFixtures.run("dev");

    @Test
    void connectRole_mayOnlyPutConnections_andReadAndWriteSingleTokenItems() {
        assertThat(grants("connect")).containsExactlyInAnyOrder("dynamodb:PutItem on " + CONNECTIONS,
                "dynamodb:GetItem on " + TOKENS, "dynamodb:PutItem on " + TOKENS, "dynamodb:UpdateItem on " + TOKENS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheConnectHandler_canWriteTheTokensTable_andForwardingMayOnlyGetItsNameItems(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        String tokens = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/http-tunnel-tokens-" + stack;
        for (TunnelFunction function : TunnelFunction.values()) {
            var onTokens = grants(result, function.shortName()).stream()
                    .filter(grant -> grant.contains(":table/http-tunnel-tokens-")).toList();
            switch (function) {
                case CONNECT -> assertThat(onTokens).as(function.shortName()).isNotEmpty();
                case FORWARDING -> assertThat(onTokens).as(function.shortName())
                        .containsExactly("dynamodb:GetItem on " + tokens);
                default -> assertThat(onTokens).as(function.shortName()).isEmpty();
            }
        }
        var statement = tokenStatements(result, "forwarding");
        assertThat(statement).singleElement().satisfies(s -> assertThat(s.path("Condition").toString())
                .isEqualTo("{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":\"name#*\"}}"));
    }

    /** The forwarding role's statements on the tokens table, as rendered. */
    private static List<JsonNode> tokenStatements(MockedStack.Result result, String function) {
        try {
            var document = new ObjectMapper().readTree(
                    result.get(ROLE_POLICY, function + "-lambda-policy").string("policy"));
            var found = new ArrayList<JsonNode>();
            document.path("Statement").forEach(st -> {
                if (st.path("Resource").toString().contains(":table/http-tunnel-tokens-")) {
                    found.add(st);
                }
            });
            return found;
        } catch (Exception e) {
            throw new AssertionError("the " + function + " policy is not JSON", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noHandler_canScanOrQueryOrDeleteFromTheTokensTable(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        for (TunnelFunction function : TunnelFunction.values()) {
            assertThat(grants(result, function.shortName())).as(function.shortName())
                    .noneMatch(grant -> grant.startsWith("dynamodb:Scan"))
                    .noneMatch(grant -> grant.contains("tokens") && !grant.matches(
                            "dynamodb:(GetItem|PutItem|UpdateItem) on arn:aws:dynamodb:[^*]+:table/http-tunnel-tokens-" + stack));
        }
    }

    @Test
    void disconnectRole_mayOnlyDeleteConnections() {
        assertThat(grants("disconnect")).containsExactlyInAnyOrder("dynamodb:DeleteItem on " + CONNECTIONS);
    }

    @Test
    void forwardingRole_mayOnlyQueryTheSubdomainIndex_readAndDeleteConnections_handlePendingRequests_readNames_postToAgents_andMoveBodies() {
        String requests = bodyBucketArn(dev) + "/requests/*";
        String responses = bodyBucketArn(dev) + "/responses/*";
        assertThat(grants("forwarding")).containsExactlyInAnyOrder(
                "dynamodb:Query on " + CONNECTIONS + "/index/subdomain-index",
                "dynamodb:GetItem on " + CONNECTIONS,
                "dynamodb:DeleteItem on " + CONNECTIONS,
                "dynamodb:GetItem on " + TOKENS,
                "dynamodb:PutItem on " + PENDING,
                "dynamodb:GetItem on " + PENDING,
                "execute-api:ManageConnections on " + manageConnectionsArn(),
                "s3:PutObject on " + requests, "s3:GetObject on " + requests, "s3:DeleteObject on " + requests,
                "s3:PutObject on " + responses, "s3:GetObject on " + responses, "s3:DeleteObject on " + responses);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void forwardingRole_mayOnlyPutGetAndDeleteObjects_underTheTwoBodyPrefixesOfThisBucket(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        String bucket = bodyBucketArn(result);
        var s3 = grants(result, "forwarding").stream().filter(grant -> grant.startsWith("s3:")).toList();
        // Presigned URLs act with this role's rights: the agent's GET of requests/ and PUT of responses/
        // are among these, so nothing wider may be here (no bucket ARN, no other prefix, no ListBucket).
        assertThat(s3).hasSize(6).allSatisfy(grant -> assertThat(grant)
                .matches("s3:(PutObject|GetObject|DeleteObject) on \\Q" + bucket + "/\\E(requests|responses)/\\*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noRoleButForwarding_mayDoAnythingInS3(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        for (TunnelFunction function : TunnelFunction.values()) {
            if (function != TunnelFunction.FORWARDING) {
                assertThat(grants(result, function.shortName())).as(function.shortName())
                        .noneMatch(grant -> grant.startsWith("s3:") || grant.contains("arn:aws:s3:"));
            }
        }
        assertThat(result.ofType(ROLE_POLICY)).extracting(policy -> policy.string("policy"))
                .filteredOn(policy -> policy.contains("s3:")).hasSize(1);
    }

    @Test
    void forwardingRole_mayNotQueryOrScanTheBaseTable() {
        assertThat(grants("forwarding"))
                .noneMatch(grant -> grant.equals("dynamodb:Query on " + CONNECTIONS))
                .noneMatch(grant -> grant.startsWith("dynamodb:Scan"));
    }

    @Test
    void responseRole_mayReadConnections_updatePendingRequests_postToAgents_andCloseReplacedOnes() {
        assertThat(grants("response")).containsExactlyInAnyOrder(
                "dynamodb:Query on " + CONNECTIONS + "/index/subdomain-index",
                "dynamodb:GetItem on " + CONNECTIONS,
                "dynamodb:UpdateItem on " + PENDING,
                "execute-api:ManageConnections on " + manageConnectionsArn(),
                "execute-api:ManageConnections on " + manageConnectionsArn().replace("/POST/", "/DELETE/"));
    }

    @Test
    void manageConnections_isScopedToThisApiAndStage_notToAnyApi() {
        assertThat(manageConnectionsArn())
                .startsWith("arn:aws:execute-api:us-east-1:" + PlanMocks.ACCOUNT + ":" + dev.outputs().get("websocketApiId") + "/dev/")
                .doesNotContain("*:*");
        for (var policy : dev.ofType(ROLE_POLICY)) {
            assertThat(policy.string("policy")).doesNotContain("arn:aws:execute-api:*").doesNotContain("\"*\"");
        }
    }

    @Test
    void everyHandlerRole_getsTheBasicExecutionPolicy_andOneInlinePolicy() {
        for (String function : new String[]{"connect", "disconnect", "forwarding", "response"}) {
            assertThat(dev.get(ROLE_POLICY_ATTACHMENT, function + "-lambda-basic-execution").string("policyArn"))
                    .isEqualTo("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
            assertThat(dev.get(ROLE_POLICY, function + "-lambda-policy").string("role"))
                    .isEqualTo(dev.get(ROLE_POLICY_ATTACHMENT, function + "-lambda-basic-execution").string("role"));
        }
        assertThat(dev.ofType(ROLE_POLICY)).hasSize(4);
    }

    private String manageConnectionsArn() {
        return "arn:aws:execute-api:" + REGION_ACCOUNT + ":" + dev.outputs().get("websocketApiId") + "/dev/POST/@connections/*";
    }

    private static String bodyBucketArn(MockedStack.Result result) {
        return "arn:aws:s3:::" + result.ofType(BUCKET).get(0).id();
    }

    private Set<String> grants(String function) {
        return grants(dev, function);
    }

    /** "action on resource" for every Allow statement of the function's inline policy; Deny is not expected. */
    private static Set<String> grants(MockedStack.Result result, String function) {
        return PolicyGrants.of(result.get(ROLE_POLICY, function + "-lambda-policy").string("policy"), function);
    }
}
