package dev.httptunnel.infra.api;

import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.aws.apigatewayv2.StageArgs;
import com.pulumi.aws.apigatewayv2.inputs.StageAccessLogSettingsArgs;
import com.pulumi.aws.apigatewayv2.inputs.StageDefaultRouteSettingsArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.httptunnel.infra.config.StackSettings;

import java.util.List;

/**
 * An auto-deployed stage with JSON access logs (kept {@code logRetentionDays}) and stage throttling:
 * the spec asked for access logging, and throttling is the abuse control an HTTP API offers in
 * place of WAF.
 */
final class LoggedStage {

    private LoggedStage() {
    }

    static Stage create(String name, Output<String> apiId, String stageName, String logGroupName, String logFormat,
                        StackSettings settings, Resource parent, List<Resource> dependsOn) {
        var logs = new LogGroup(name + "-access-logs", LogGroupArgs.builder()
                .name(logGroupName)
                .retentionInDays(settings.logRetentionDays())
                .tags(settings.tags())
                .build(), CustomResourceOptions.builder().parent(parent).build());

        return new Stage(name, StageArgs.builder()
                .apiId(apiId)
                .name(stageName)
                .autoDeploy(true)
                .accessLogSettings(StageAccessLogSettingsArgs.builder()
                        .destinationArn(logs.arn())
                        .format(logFormat)
                        .build())
                .defaultRouteSettings(StageDefaultRouteSettingsArgs.builder()
                        .throttlingRateLimit(settings.throttlingRateLimit())
                        .throttlingBurstLimit(settings.throttlingBurstLimit())
                        .build())
                .tags(settings.tags())
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(dependsOn).build());
    }
}
