package dev.httptunnel.infra.api;

import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.aws.apigatewayv2.Route;
import com.pulumi.aws.apigatewayv2.RouteArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.httptunnel.infra.function.HandlerFunction;

import java.util.Map;
import java.util.Optional;

/**
 * A route of either API to a handler's SnapStart alias: the Lambda-proxy integration, the route, and
 * the permission for API Gateway to invoke that alias from that route on any stage.
 */
public final class LambdaRoute extends ComponentResource {

    /**
     * @param routeKey        {@code $connect}, {@code $disconnect}, {@code $default}…
     * @param prefix          names the integration and permission ({@code <prefix>-integration})
     * @param routeName       the route resource's name (the spec's {@code catchall-route}…)
     * @param apiId           the API
     * @param executionArn    the API's execution ARN
     * @param target          the handler
     * @param payloadFormat   {@code 2.0} for the HTTP API; WebSocket APIs only know 1.0
     * @param timeoutMillis   integration timeout
     */
    public record Args(String routeKey, String prefix, String routeName, Output<String> apiId,
                       Output<String> executionArn, HandlerFunction target, Optional<String> payloadFormat,
                       Optional<Integer> timeoutMillis) {
    }

    public LambdaRoute(String name, Args args, ComponentResourceOptions options) {
        super("http-tunnel:api:LambdaRoute", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var integrationArgs = IntegrationArgs.builder()
                .apiId(args.apiId())
                .integrationType("AWS_PROXY")
                .integrationMethod("POST")
                .integrationUri(args.target().aliasInvokeArn());
        args.payloadFormat().ifPresent(integrationArgs::payloadFormatVersion);
        args.timeoutMillis().ifPresent(integrationArgs::timeoutMilliseconds);
        var integration = new Integration(args.prefix() + "-integration", integrationArgs.build(), child);

        var route = new Route(args.routeName(), RouteArgs.builder()
                .apiId(args.apiId())
                .routeKey(args.routeKey())
                .target(Output.format("integrations/%s", integration.id()))
                .build(), child);

        // The stage wildcard is required: without a stage in the source ARN, WebSocket routes answer
        // 500 and the function logs nothing. The qualifier grants the alias, the ARN that is invoked.
        new Permission(args.prefix() + "-lambda-permission", PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(args.target().functionName())
                .qualifier(args.target().aliasName())
                .principal("apigateway.amazonaws.com")
                .sourceArn(Output.format("%s/*/%s", args.executionArn(), args.routeKey()))
                .build(), child);

        registerOutputs(Map.of("routeId", route.id()));
    }
}
