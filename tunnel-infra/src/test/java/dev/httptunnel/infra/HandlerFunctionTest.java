package dev.httptunnel.infra;

import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.RecordedResource;
import dev.httptunnel.lambda.config.TunnelFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;

import static dev.httptunnel.infra.Types.ALIAS;
import static dev.httptunnel.infra.Types.FUNCTION;
import static dev.httptunnel.infra.Types.LOG_GROUP;
import static dev.httptunnel.lambda.config.EnvironmentVariables.BODY_BUCKET_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.CONNECTIONS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.DOMAIN_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.PENDING_REQUESTS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.PUBLIC_URL_TEMPLATES;
import static dev.httptunnel.lambda.config.EnvironmentVariables.OFFLINE_HOLD_MILLIS;
import static dev.httptunnel.lambda.config.EnvironmentVariables.RESPONSE_DEADLINE_MILLIS;
import static dev.httptunnel.lambda.config.EnvironmentVariables.WEBSOCKET_API_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

/** The four functions: what runs, how it starts, what it is told, where it logs. */
class HandlerFunctionTest {

    private final MockedStack.Result dev = StackFixtures.run("dev");
    private final MockedStack.Result prod = StackFixtures.run("prod");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyFunction_receivesEveryRequiredVariable_andOtherwiseOnlyOptionalOnesItsHandlerReads(String stack) {
        var result = StackFixtures.run(stack);
        for (TunnelFunction function : TunnelFunction.values()) {
            Map<String, Object> variables = variables(result, function);
            for (String required : function.requiredVariables()) {
                assertThat(variables).as("%s reads %s", function, required).containsKey(required);
                assertThat(String.valueOf(variables.get(required))).as("%s of %s", required, function).isNotBlank();
            }
            var readable = new ArrayList<>(function.requiredVariables());
            readable.addAll(function.optionalVariables());
            assertThat(readable).as("%s is given only what it reads", function).containsAll(variables.keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void forwardingFunction_alwaysGetsTheBodyBucket_becauseTheStackAlwaysHasOne(String stack) {
        var result = StackFixtures.run(stack);
        assertThat(TunnelFunction.FORWARDING.optionalVariables()).contains(BODY_BUCKET_NAME);
        assertThat(variables(result, TunnelFunction.FORWARDING).get(BODY_BUCKET_NAME))
                .isEqualTo(result.ofType(Types.BUCKET).get(0).id());
    }

    @Test
    void tableNames_areTheTablesOfThisStack() {
        for (TunnelFunction function : TunnelFunction.values()) {
            var variables = variables(dev, function);
            if (variables.containsKey(CONNECTIONS_TABLE_NAME)) {
                assertThat(variables.get(CONNECTIONS_TABLE_NAME)).isEqualTo("http-tunnel-connections-dev");
            }
            if (variables.containsKey(PENDING_REQUESTS_TABLE_NAME)) {
                assertThat(variables.get(PENDING_REQUESTS_TABLE_NAME)).isEqualTo("http-tunnel-pending-requests-dev");
            }
        }
    }

    @Test
    void managementEndpoint_isHttpsOnThisApiRegionAndStage_neverWss() {
        String expected = "https://" + dev.outputs().get("websocketApiId") + ".execute-api.us-east-1.amazonaws.com/dev";
        assertThat(variables(dev, TunnelFunction.FORWARDING).get(WEBSOCKET_API_ENDPOINT)).isEqualTo(expected);
        assertThat(variables(dev, TunnelFunction.RESPONSE).get(WEBSOCKET_API_ENDPOINT)).isEqualTo(expected);
    }

    @Test
    void publicUrls_arePathModeOnly_withoutTheCustomDomain() {
        assertThat(variables(dev, TunnelFunction.RESPONSE).get(PUBLIC_URL_TEMPLATES))
                .isEqualTo(dev.outputs().get("httpEndpoint") + "/{tunnel}/");
        assertThat(variables(dev, TunnelFunction.FORWARDING).get(DOMAIN_NAME)).isEqualTo("tunnel.dev.example.com");
    }

    @Test
    void publicUrls_offerTheSubdomainFirst_withTheCustomDomain() {
        assertThat(variables(prod, TunnelFunction.RESPONSE).get(PUBLIC_URL_TEMPLATES))
                .isEqualTo("https://{tunnel}.tunnel.example.com," + prod.outputs().get("httpEndpoint") + "/{tunnel}/");
    }

    @Test
    void responseDeadline_isLeftToTheHandlerDefault_whenTheTimeoutAllowsIt() {
        assertThat(variables(dev, TunnelFunction.FORWARDING)).doesNotContainKey(RESPONSE_DEADLINE_MILLIS);
        assertThat(dev.get(FUNCTION, "forwarding-handler").number("timeout")).isEqualTo(29);
    }

    @Test
    void theOfflineHold_reachesTheForwardingFunctionOnly_inMilliseconds() {
        assertThat(variables(dev, TunnelFunction.FORWARDING)).containsEntry(OFFLINE_HOLD_MILLIS, "10000");
        var shortHold = StackFixtures.run("dev", Map.of("http-tunnel:offlineHoldSeconds", "3"));
        assertThat(variables(shortHold, TunnelFunction.FORWARDING)).containsEntry(OFFLINE_HOLD_MILLIS, "3000");
        for (TunnelFunction function : TunnelFunction.values()) {
            if (function != TunnelFunction.FORWARDING) {
                assertThat(variables(dev, function)).as(function.shortName()).doesNotContainKey(OFFLINE_HOLD_MILLIS);
            }
        }
    }

    @Test
    void responseDeadline_isOneSecondUnderAShorterTimeout() {
        var shortTimeout = StackFixtures.run("dev", Map.of("http-tunnel:lambdaTimeout", "10"));
        assertThat(shortTimeout.get(FUNCTION, "forwarding-handler").number("timeout")).isEqualTo(10);
        assertThat(variables(shortTimeout, TunnelFunction.FORWARDING)).containsEntry(RESPONSE_DEADLINE_MILLIS, "9000");
    }

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void function_runsJava21WithSnapStartOnPublishedVersions(TunnelFunction function) {
        var lambda = dev.get(FUNCTION, function.shortName() + "-handler");
        assertThat(lambda.string("name")).isEqualTo("http-tunnel-" + function.shortName() + "-dev");
        assertThat(lambda.string("runtime")).isEqualTo("java21");
        assertThat(lambda.string("handler")).isEqualTo(function.handler());
        assertThat(lambda.input("publish")).contains(true);
        assertThat(lambda.string("snapStart.applyOn")).isEqualTo("PublishedVersions");
        assertThat(lambda.string("code")).isEqualTo("FileArchive(" + StackFixtures.JARS.resolve(function.jarFileName()) + ")");
        assertThat(lambda.number("timeout")).isLessThanOrEqualTo(29);
    }

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void function_hasALiveAliasOnItsPublishedVersion(TunnelFunction function) {
        var alias = dev.get(ALIAS, function.shortName() + "-handler-live");
        assertThat(alias.string("name")).isEqualTo("live");
        assertThat(alias.string("functionName")).isEqualTo("http-tunnel-" + function.shortName() + "-dev");
        assertThat(alias.string("functionVersion")).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void function_logsJsonToItsOwnGroup_withRetention(TunnelFunction function) {
        var lambda = dev.get(FUNCTION, function.shortName() + "-handler");
        var logs = dev.get(LOG_GROUP, function.shortName() + "-handler-logs");
        assertThat(logs.string("name")).isEqualTo("/aws/lambda/http-tunnel-" + function.shortName() + "-dev");
        assertThat(logs.number("retentionInDays")).isEqualTo(14);
        assertThat(lambda.string("loggingConfig.logFormat")).isEqualTo("JSON");
        assertThat(lambda.string("loggingConfig.logGroup")).isEqualTo(logs.string("name"));
    }

    @ParameterizedTest
    @EnumSource(TunnelFunction.class)
    void function_keepsThePlatformsReportLines_soSnapStartAndBilledTimeAreVisible(TunnelFunction function) {
        var lambda = dev.get(FUNCTION, function.shortName() + "-handler");
        assertThat(lambda.string("loggingConfig.systemLogLevel")).as("WARN drops START/REPORT").isEqualTo("INFO");
        assertThat(lambda.string("loggingConfig.applicationLogLevel")).isEqualTo("INFO");
    }

    @Test
    void devFunctions_areX86With256Mb_prodFunctionsAreArm64With512Mb() {
        for (TunnelFunction function : TunnelFunction.values()) {
            RecordedResource devLambda = dev.get(FUNCTION, function.shortName() + "-handler");
            RecordedResource prodLambda = prod.get(FUNCTION, function.shortName() + "-handler");
            assertThat(devLambda.list("architectures")).containsExactly("x86_64");
            assertThat(devLambda.number("memorySize")).isEqualTo(256);
            assertThat(prodLambda.list("architectures")).containsExactly("arm64");
            assertThat(prodLambda.number("memorySize")).isEqualTo(512);
            assertThat(prodLambda.string("name")).isEqualTo("http-tunnel-" + function.shortName() + "-prod");
        }
        assertThat(prod.get(LOG_GROUP, "forwarding-handler-logs").number("retentionInDays")).isEqualTo(30);
    }

    @Test
    void eachFunctionExistsOnce_withOneRole() {
        assertThat(dev.ofType(FUNCTION)).hasSize(TunnelFunction.values().length);
        // Four handler roles and API Gateway's logging role: the spec created its roles twice.
        assertThat(dev.ofType(Types.ROLE)).hasSize(TunnelFunction.values().length + 1);
    }

    private static Map<String, Object> variables(MockedStack.Result result, TunnelFunction function) {
        return result.get(FUNCTION, function.shortName() + "-handler").input("environment.variables")
                .map(v -> {
                    @SuppressWarnings("unchecked")
                    var map = (Map<String, Object>) v;
                    return map;
                })
                .orElse(Map.of());
    }
}
