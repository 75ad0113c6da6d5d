package dev.httptunnel.infra.api;

import com.pulumi.aws.apigateway.Account;
import com.pulumi.aws.apigateway.AccountArgs;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.infra.iam.PolicyDocument;
import dev.httptunnel.infra.iam.PolicyStatement;

import java.util.List;
import java.util.Map;

/**
 * The agents' WebSocket API and its stage. It is created before any function because the functions
 * need its Management API endpoint and its ARN; the routes are attached afterwards
 * ({@link LambdaRoute}), which is what removes the spec's create-everything-twice cycle.
 */
public final class WebSocketApi extends ComponentResource {

    private static final String PUSH_TO_CLOUDWATCH =
            "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";

    private final Api api;
    private final Stage stage;
    private final String region;

    public WebSocketApi(String name, StackSettings settings, ComponentResourceOptions options) {
        super("http-tunnel:api:WebSocketApi", name, options);
        this.region = settings.region();
        var child = CustomResourceOptions.builder().parent(this).build();

        this.api = new Api("websocket-api", ApiArgs.builder()
                .name(settings.physicalName("ws"))
                .protocolType("WEBSOCKET")
                .routeSelectionExpression("$request.body.action")
                .tags(settings.tags())
                .build(), child);

        // Unlike HTTP APIs, WebSocket stages can only log once the account has an API Gateway
        // CloudWatch role; without it the stage update is rejected.
        List<Resource> stageDependencies = settings.manageApiGatewayAccount()
                ? List.of(apiGatewayAccount(settings))
                : List.of();

        this.stage = LoggedStage.create("websocket-stage", api.id(), settings.environment(),
                "/aws/apigateway/" + settings.physicalName("ws") + "/access", AccessLogFormat.webSocket(),
                settings, this, stageDependencies);

        registerOutputs(Map.of(
                "apiId", api.id(),
                "clientEndpoint", clientEndpoint(),
                "managementEndpoint", managementEndpoint()));
    }

    private Account apiGatewayAccount(StackSettings settings) {
        var child = CustomResourceOptions.builder().parent(this).build();
        var role = new Role("apigateway-cloudwatch-role", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(PolicyStatement.assumeRoleBy("apigateway.amazonaws.com")).toJson())
                .tags(settings.tags())
                .build(), child);
        var push = new RolePolicyAttachment("apigateway-cloudwatch-push", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(PUSH_TO_CLOUDWATCH)
                .build(), child);
        return new Account("apigateway-account", AccountArgs.builder()
                .cloudwatchRoleArn(role.arn())
                // The setting is the region's, not the stack's: on destroy, clear it rather than leave it
                // naming the role destroy deletes.
                .resetOnDelete(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(push).build());
    }

    public Output<String> apiId() {
        return api.id();
    }

    public Output<String> executionArn() {
        return api.executionArn();
    }

    public Output<String> stageName() {
        return stage.name();
    }

    /** What the agent's {@code --endpoint} takes: {@code wss://{api-id}.execute-api.{region}.amazonaws.com/{stage}}. */
    public Output<String> clientEndpoint() {
        return Output.format("wss://%s.execute-api.%s.amazonaws.com/%s", api.id(), region, stage.name());
    }

    /**
     * The Management API the handlers post to: https, built from the API id, the stack's region and
     * the stage, never from a custom domain or a second region setting.
     */
    public Output<String> managementEndpoint() {
        return Output.format("https://%s.execute-api.%s.amazonaws.com/%s", api.id(), region, stage.name());
    }

    /** The only connections the handlers may post to: this API's, on this stage. */
    public Output<String> manageConnectionsArn() {
        return Output.format("%s/%s/POST/@connections/*", api.executionArn(), stage.name());
    }

    /** The only connections the token owner may close (revocation): this API's, on this stage. */
    public Output<String> deleteConnectionsArn() {
        return Output.format("%s/%s/DELETE/@connections/*", api.executionArn(), stage.name());
    }
}
