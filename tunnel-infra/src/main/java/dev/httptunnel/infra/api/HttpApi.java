package dev.httptunnel.infra.api;

import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.httptunnel.infra.config.StackSettings;

import java.util.List;
import java.util.Map;

/**
 * The public HTTP API. Its stage is {@code $default}: the spec's stage named after the environment
 * made the exported URL (which has no stage segment) answer 404, and would put the stage name in
 * every request's {@code rawPath}.
 */
public final class HttpApi extends ComponentResource {

    public static final String STAGE = "$default";

    private final Api api;
    private final Stage stage;

    public HttpApi(String name, StackSettings settings, ComponentResourceOptions options) {
        super("http-tunnel:api:HttpApi", name, options);

        this.api = new Api("http-api", ApiArgs.builder()
                .name(settings.physicalName("http"))
                .protocolType("HTTP")
                .tags(settings.tags())
                .build(), CustomResourceOptions.builder().parent(this).build());

        this.stage = LoggedStage.create("http-stage", api.id(), STAGE,
                "/aws/apigateway/" + settings.physicalName("http") + "/access", AccessLogFormat.http(),
                settings, this, List.of());

        registerOutputs(Map.of("apiId", api.id(), "endpoint", endpoint()));
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

    /** {@code https://{api-id}.execute-api.{region}.amazonaws.com}: serves tunnels as {@code /{tunnel}/…}. */
    public Output<String> endpoint() {
        return api.apiEndpoint();
    }
}
