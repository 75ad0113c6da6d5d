package dev.httptunnel.infra;

import dev.httptunnel.infra.plan.MockedStack;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.httptunnel.infra.Types.API;
import static dev.httptunnel.infra.Types.INTEGRATION;
import static dev.httptunnel.infra.Types.LOG_GROUP;
import static dev.httptunnel.infra.Types.PERMISSION;
import static dev.httptunnel.infra.Types.ROUTE;
import static dev.httptunnel.infra.Types.STAGE;
import static org.assertj.core.api.Assertions.assertThat;

/** Both APIs, their stages and every route from API Gateway to a handler's SnapStart alias. */
class ApiRoutingTest {

    private final MockedStack.Result dev = StackFixtures.run("dev");

    @Test
    void webSocketApi_selectsRoutesByAction() {
        var api = dev.get(API, "websocket-api");
        assertThat(api.string("protocolType")).isEqualTo("WEBSOCKET");
        assertThat(api.string("routeSelectionExpression")).isEqualTo("$request.body.action");
        assertThat(api.string("name")).isEqualTo("http-tunnel-ws-dev");
    }

    @Test
    void webSocketRoutes_connectDisconnectAndDefault_reachTheirHandlers() {
        assertRoute("connect-route", "$connect", "connect", "connect");
        assertRoute("disconnect-route", "$disconnect", "disconnect", "disconnect");
        assertRoute("default-route", "$default", "response", "response");
        assertThat(dev.ofType(ROUTE)).extracting(r -> r.string("routeKey"))
                .containsExactlyInAnyOrder("$connect", "$disconnect", "$default", "$default");
    }

    @Test
    void httpApi_sendsEveryRequestToForwarding_withPayload2AndA29SecondTimeout() {
        var api = dev.get(API, "http-api");
        assertThat(api.string("protocolType")).isEqualTo("HTTP");
        assertRoute("catchall-route", "$default", "forwarding", "forwarding");
        var integration = dev.get(INTEGRATION, "forwarding-integration");
        assertThat(integration.string("payloadFormatVersion")).isEqualTo("2.0");
        assertThat(integration.number("timeoutMilliseconds")).isEqualTo(29_000);
    }

    @Test
    void integrations_invokeTheLiveAlias_neverTheUnqualifiedFunction() {
        for (var integration : dev.ofType(INTEGRATION)) {
            assertThat(integration.string("integrationType")).isEqualTo("AWS_PROXY");
            assertThat(integration.string("integrationUri"))
                    .as(integration.name())
                    .matches("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                            + "arn:aws:lambda:us-east-1:\\d{12}:function:http-tunnel-[a-z]+-dev:live/invocations");
        }
        assertThat(dev.ofType(INTEGRATION)).hasSize(4);
    }

    @Test
    void permissions_grantTheAlias_fromTheirRouteOnAnyStage() {
        for (var permission : dev.ofType(PERMISSION)) {
            assertThat(permission.string("qualifier")).as(permission.name()).isEqualTo("live");
            assertThat(permission.string("principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(permission.string("action")).isEqualTo("lambda:InvokeFunction");
        }
        assertThat(dev.ofType(PERMISSION)).hasSize(4);
    }

    @Test
    void agentsCanConnect_onlyBecauseTheStageCanBeAnyInTheConnectSourceArn() {
        String executionArn = "arn:aws:execute-api:us-east-1:123456789012:" + dev.outputs().get("websocketApiId");
        assertThat(dev.get(PERMISSION, "connect-lambda-permission").string("sourceArn")).isEqualTo(executionArn + "/*/$connect");
        assertThat(dev.get(PERMISSION, "disconnect-lambda-permission").string("sourceArn")).isEqualTo(executionArn + "/*/$disconnect");
        assertThat(dev.get(PERMISSION, "response-lambda-permission").string("sourceArn")).isEqualTo(executionArn + "/*/$default");
        String httpExecutionArn = "arn:aws:execute-api:us-east-1:123456789012:" + dev.outputs().get("httpApiId");
        assertThat(dev.get(PERMISSION, "forwarding-lambda-permission").string("sourceArn"))
                .isEqualTo(httpExecutionArn + "/*/$default");
    }

    @Test
    void httpStage_isDefault_soTheExportedEndpointServesRequests() {
        var stage = dev.get(STAGE, "http-stage");
        assertThat(stage.string("name")).isEqualTo("$default");
        assertThat(stage.input("autoDeploy")).contains(true);
        assertThat(dev.outputs().get("httpEndpoint"))
                .isEqualTo("https://" + dev.outputs().get("httpApiId") + ".execute-api.us-east-1.amazonaws.com");
    }

    @Test
    void webSocketStage_isNamedAfterTheEnvironment_andIsWhatTheAgentConnectsTo() {
        var stage = dev.get(STAGE, "websocket-stage");
        assertThat(stage.string("name")).isEqualTo("dev");
        assertThat(stage.input("autoDeploy")).contains(true);
        assertThat(dev.outputs().get("websocketEndpoint"))
                .isEqualTo("wss://" + dev.outputs().get("websocketApiId") + ".execute-api.us-east-1.amazonaws.com/dev");
    }

    @Test
    void bothStages_writeJsonAccessLogs_toRetainedGroups_andAreThrottled() {
        for (String name : new String[]{"websocket-stage", "http-stage"}) {
            var stage = dev.get(STAGE, name);
            var logs = dev.get(LOG_GROUP, name + "-access-logs");
            assertThat(stage.string("accessLogSettings.destinationArn"))
                    .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:" + logs.string("name"));
            assertThat(stage.string("accessLogSettings.format")).contains("\"requestId\":\"$context.requestId\"")
                    .doesNotContain("queryString");
            assertThat(logs.number("retentionInDays")).isEqualTo(14);
            assertThat(stage.number("defaultRouteSettings.throttlingRateLimit")).isEqualTo(100);
            assertThat(stage.number("defaultRouteSettings.throttlingBurstLimit")).isEqualTo(200);
        }
    }

    /** The access-log variables AWS documents for each API type (only those this stack could use). */
    private static final Map<String, Set<String>> DOCUMENTED_LOG_VARIABLES = Map.of(
            "http-stage", Set.of("$context.requestId", "$context.requestTime", "$context.identity.sourceIp",
                    "$context.status", "$context.error.message", "$context.httpMethod", "$context.path",
                    "$context.protocol", "$context.responseLength", "$context.responseLatency",
                    "$context.integrationLatency", "$context.integrationErrorMessage", "$context.integration.error"),
            "websocket-stage", Set.of("$context.requestId", "$context.requestTime", "$context.identity.sourceIp",
                    "$context.status", "$context.error.message", "$context.connectionId", "$context.eventType",
                    "$context.routeKey", "$context.integrationLatency", "$context.integration.error"));

    @Test
    void eachStagesAccessLog_usesOnlyTheVariablesDocumentedForItsApiType_andLogsIntegrationErrors() {
        DOCUMENTED_LOG_VARIABLES.forEach((name, documented) -> {
            String format = dev.get(STAGE, name).string("accessLogSettings.format");
            var used = Pattern.compile("\\$context\\.[A-Za-z.]+").matcher(format).results()
                    .map(MatchResult::group).collect(Collectors.toSet());
            assertThat(used).as(name).isSubsetOf(documented).contains("$context.error.message");
        });
        assertThat(dev.get(STAGE, "websocket-stage").string("accessLogSettings.format"))
                .contains("$context.integration.error").doesNotContain("integrationErrorMessage");
        assertThat(dev.get(STAGE, "http-stage").string("accessLogSettings.format"))
                .contains("$context.integrationErrorMessage");
    }

    @Test
    void webSocketLogging_hasTheAccountRoleItNeeds_unlessAnotherStackManagesIt() {
        var account = dev.get(Types.API_GATEWAY_ACCOUNT, "apigateway-account");
        assertThat(account.string("cloudwatchRoleArn")).contains(":role/apigateway-cloudwatch-role");
        assertThat(account.input("resetOnDelete"))
                .as("destroy must not leave the region's setting pointing at the deleted role").contains(true);
        var unmanaged = StackFixtures.run("dev", Map.of("http-tunnel:manageApiGatewayAccount", "false"));
        assertThat(unmanaged.ofType(Types.API_GATEWAY_ACCOUNT)).isEmpty();
    }

    private void assertRoute(String routeName, String routeKey, String prefix, String function) {
        var route = dev.get(ROUTE, routeName);
        var integration = dev.get(INTEGRATION, prefix + "-integration");
        assertThat(route.string("routeKey")).isEqualTo(routeKey);
        assertThat(route.string("target")).isEqualTo("integrations/" + integration.id());
        assertThat(route.string("apiId")).isEqualTo(integration.string("apiId"));
        assertThat(integration.string("integrationUri")).contains(":function:http-tunnel-" + function + "-dev:live/");
        assertThat(dev.get(PERMISSION, prefix + "-lambda-permission").string("function"))
                .isEqualTo("http-tunnel-" + function + "-dev");
    }
}
