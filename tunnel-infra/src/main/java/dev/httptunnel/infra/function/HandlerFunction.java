package dev.httptunnel.infra.function;

import com.pulumi.asset.FileArchive;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.lambda.Alias;
import com.pulumi.aws.lambda.AliasArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionSnapStartArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.httptunnel.infra.config.LambdaArtifacts;
import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.infra.iam.PolicyDocument;
import dev.httptunnel.infra.iam.PolicyStatement;
import dev.httptunnel.lambda.config.TunnelFunction;

import java.util.Map;

/**
 * One handler: its role (basic execution plus its own least-privilege policy), its log group, the
 * function and the {@value #ALIAS} alias that API Gateway invokes.
 */
public final class HandlerFunction extends ComponentResource {

    /**
     * API Gateway invokes this alias, never the unqualified function: SnapStart only restores
     * snapshots of published versions, and an unqualified invoke silently runs $LATEST cold.
     */
    public static final String ALIAS = "live";

    public static final String RUNTIME = "java21";

    private static final String BASIC_EXECUTION =
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private final Function function;
    private final Alias alias;

    /**
     * @param policy    the handler's inline policy as JSON (resolved once the table and API ARNs are known)
     * @param variables the handler's environment
     */
    public HandlerFunction(TunnelFunction handler, StackSettings settings, Output<String> policy,
                           Output<Map<String, String>> variables, ComponentResourceOptions options) {
        super("http-tunnel:function:HandlerFunction", handler.shortName() + "-function", options);
        String shortName = handler.shortName();
        String functionName = settings.physicalName(shortName);
        var child = CustomResourceOptions.builder().parent(this).build();

        var role = new Role(shortName + "-lambda-role", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(PolicyStatement.assumeRoleBy("lambda.amazonaws.com")).toJson())
                .tags(settings.tags())
                .build(), child);
        var basicExecution = new RolePolicyAttachment(shortName + "-lambda-basic-execution",
                RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(BASIC_EXECUTION).build(), child);
        var inlinePolicy = new RolePolicy(shortName + "-lambda-policy", RolePolicyArgs.builder()
                .role(role.name())
                .policy(policy)
                .build(), child);

        // Created before the function so Lambda does not create it first without a retention period.
        var logGroup = new LogGroup(shortName + "-handler-logs", LogGroupArgs.builder()
                .name("/aws/lambda/" + functionName)
                .retentionInDays(settings.logRetentionDays())
                .tags(settings.tags())
                .build(), child);

        this.function = new Function(shortName + "-handler", FunctionArgs.builder()
                .name(functionName)
                .runtime(RUNTIME)
                .handler(handler.handler())
                .role(role.arn())
                .architectures(settings.lambdaArchitecture())
                .memorySize(settings.lambdaMemorySize())
                .timeout(settings.functionTimeoutSeconds())
                .code(new FileArchive(LambdaArtifacts.jar(settings.lambdaArtifactDir(), handler).toString()))
                .publish(true)
                .snapStart(FunctionSnapStartArgs.builder().applyOn("PublishedVersions").build())
                .loggingConfig(FunctionLoggingConfigArgs.builder()
                        .logFormat("JSON")
                        .logGroup(logGroup.name())
                        .applicationLogLevel("INFO")
                        // INFO keeps the platform's START/REPORT lines: duration, init and SnapStart restore time per request.
                        .systemLogLevel("INFO")
                        .build())
                .environment(FunctionEnvironmentArgs.builder().variables(variables).build())
                .tags(settings.tags())
                .build(), CustomResourceOptions.builder().parent(this)
                // A first invocation must not run before it may write logs or read its tables.
                .dependsOn(logGroup, basicExecution, inlinePolicy)
                .build());

        this.alias = new Alias(shortName + "-handler-" + ALIAS, AliasArgs.builder()
                .name(ALIAS)
                .functionName(function.name())
                .functionVersion(function.version())
                .build(), child);

        registerOutputs(Map.of(
                "functionName", function.name(),
                "aliasArn", alias.arn(),
                "roleArn", role.arn()));
    }

    public Output<String> functionName() {
        return function.name();
    }

    public Output<String> aliasName() {
        return alias.name();
    }

    /** What an API Gateway Lambda-proxy integration must call. */
    public Output<String> aliasInvokeArn() {
        return alias.invokeArn();
    }
}
