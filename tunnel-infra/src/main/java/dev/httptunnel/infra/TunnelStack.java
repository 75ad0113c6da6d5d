package dev.httptunnel.infra;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.httptunnel.infra.api.HttpApi;
import dev.httptunnel.infra.api.LambdaRoute;
import dev.httptunnel.infra.api.WebSocketApi;
import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.infra.domain.CustomDomain;
import dev.httptunnel.infra.function.HandlerEnvironment;
import dev.httptunnel.infra.function.HandlerFunction;
import dev.httptunnel.infra.function.HandlerPolicy;
import dev.httptunnel.infra.function.HandlerResources;
import dev.httptunnel.infra.iam.TokenAdminPolicy;
import dev.httptunnel.infra.monitoring.Monitoring;
import dev.httptunnel.infra.storage.BodyBucket;
import dev.httptunnel.infra.storage.TunnelTables;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;
import dev.httptunnel.lambda.config.TunnelFunction;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.httptunnel.lambda.config.EnvironmentVariables.BODY_BUCKET_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.CONNECTIONS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.DOMAIN_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.PENDING_REQUESTS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.PUBLIC_URL_TEMPLATES;
import static dev.httptunnel.lambda.config.EnvironmentVariables.OFFLINE_HOLD_MILLIS;
import static dev.httptunnel.lambda.config.EnvironmentVariables.RESPONSE_DEADLINE_MILLIS;
import static dev.httptunnel.lambda.config.EnvironmentVariables.TOKENS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.WEBSOCKET_API_ENDPOINT;

/**
 * Wires the components in the one order that has no cycle: the tables, the body bucket and both APIs
 * (with their stages) first; then the functions, whose roles and variables need the tables, the Management endpoint and
 * the WebSocket ARN and the bucket; then the routes, which need the functions. Nothing is created twice.
 */
public final class TunnelStack {

    /** The HTTP API's integration timeout: API Gateway's maximum is 30 s; leave a second. */
    public static final int HTTP_INTEGRATION_TIMEOUT_MILLIS = 29_000;

    private TunnelStack() {
    }

    public static void stack(Context ctx, StackSettings settings) {
        var none = ComponentResourceOptions.builder().build();
        var tables = new TunnelTables("tables", settings, none);
        var bodies = new BodyBucket("bodies", settings, none);
        var webSocket = new WebSocketApi("websocket", settings, none);
        var http = new HttpApi("http", settings, none);

        Output<HandlerResources> arns = Output.tuple(tables.connectionsArn(), tables.pendingRequestsArn(),
                        webSocket.manageConnectionsArn(), webSocket.deleteConnectionsArn(), bodies.bucketArn(),
                        tables.tokensArn())
                .applyValue(t -> new HandlerResources(t.t1, t.t2, t.t3, t.t4, t.t5, t.t6));
        var functions = functions(settings, arns, tables, bodies, webSocket, http);

        route(webSocket, "$connect", "connect", "connect-route", functions.get(TunnelFunction.CONNECT));
        route(webSocket, "$disconnect", "disconnect", "disconnect-route", functions.get(TunnelFunction.DISCONNECT));
        // Agents send their "ready" and their responses as ordinary messages: the $default route.
        route(webSocket, "$default", "response", "default-route", functions.get(TunnelFunction.RESPONSE));
        new LambdaRoute("forwarding-route", new LambdaRoute.Args("$default", "forwarding", "catchall-route",
                http.apiId(), http.executionArn(), functions.get(TunnelFunction.FORWARDING),
                Optional.of("2.0"), Optional.of(HTTP_INTEGRATION_TIMEOUT_MILLIS)),
                ComponentResourceOptions.builder().parent(http).build());

        Optional<CustomDomain> domain = settings.enableCustomDomain()
                ? Optional.of(new CustomDomain("domain", settings, http.apiId(), http.stageName(), none))
                : Optional.empty();

        var functionNames = new LinkedHashMap<String, Output<String>>();
        functions.forEach((function, handler) -> functionNames.put(function.shortName(), handler.functionName()));
        new Monitoring("monitoring", settings, new Monitoring.Args(functionNames,
                Map.of("connections", tables.connectionsName(), "pending-requests", tables.pendingRequestsName()),
                Map.of("connections", TableDesign.SUBDOMAIN_INDEX), http.apiId(), webSocket.apiId()), none);

        ctx.export("connectionsTableName", tables.connectionsName());
        ctx.export("pendingRequestsTableName", tables.pendingRequestsName());
        // What the token administration reads: where tokens live, where to close connections, and the
        // policy its user or role needs.
        ctx.export("tokensTableName", tables.tokensName());
        ctx.export("managementEndpoint", webSocket.managementEndpoint());
        ctx.export("tokenAdminPolicy", Output.tuple(arns, webSocket.deleteConnectionsArn())
                .applyValue(t -> TokenAdminPolicy.of(t.t1, t.t2).toJson()));
        ctx.export("bodyBucketName", bodies.bucketName());
        ctx.export("websocketEndpoint", webSocket.clientEndpoint());
        ctx.export("httpEndpoint", http.endpoint());
        ctx.export("websocketApiId", webSocket.apiId());
        ctx.export("httpApiId", http.apiId());
        // The spec's `export` inside an `if` did not compile; here the outputs exist only with the domain.
        domain.ifPresent(d -> {
            ctx.export("customDomainName", d.domainName());
            ctx.export("customDomainTarget", d.targetDomainName());
        });
    }

    private static Map<TunnelFunction, HandlerFunction> functions(StackSettings settings,
                                                                  Output<HandlerResources> arns, TunnelTables tables,
                                                                  BodyBucket bodies, WebSocketApi webSocket,
                                                                  HttpApi http) {
        var environment = new HandlerEnvironment(environmentValues(settings, tables, bodies, webSocket, http));

        var functions = new EnumMap<TunnelFunction, HandlerFunction>(TunnelFunction.class);
        for (TunnelFunction function : TunnelFunction.values()) {
            Output<String> policy = arns.applyValue(resolved -> HandlerPolicy.of(function, resolved).toJson());
            functions.put(function, new HandlerFunction(function, settings, policy,
                    environment.variablesFor(function), ComponentResourceOptions.builder().build()));
        }
        return functions;
    }

    /** Every value a handler may read, under the handlers' own variable names. */
    private static Map<String, Output<String>> environmentValues(StackSettings settings, TunnelTables tables,
                                                                 BodyBucket bodies, WebSocketApi webSocket,
                                                                 HttpApi http) {
        var values = new HashMap<String, Output<String>>();
        values.put(CONNECTIONS_TABLE_NAME, tables.connectionsName());
        values.put(PENDING_REQUESTS_TABLE_NAME, tables.pendingRequestsName());
        values.put(TOKENS_TABLE_NAME, tables.tokensName());
        values.put(DOMAIN_NAME, Output.of(settings.domainName()));
        values.put(WEBSOCKET_API_ENDPOINT, webSocket.managementEndpoint());
        values.put(PUBLIC_URL_TEMPLATES, http.endpoint().applyValue(settings::publicUrlTemplates));
        // Optional for the handler (without it bodies stop at one WebSocket message); this stack always has the bucket.
        values.put(BODY_BUCKET_NAME, bodies.bucketName());
        values.put(OFFLINE_HOLD_MILLIS, Output.of(Long.toString(settings.offlineHoldSeconds() * 1000L)));
        settings.responseDeadlineMillis().ifPresent(ms -> values.put(RESPONSE_DEADLINE_MILLIS, Output.of(ms.toString())));
        return values;
    }

    private static void route(WebSocketApi api, String routeKey, String prefix, String routeName,
                              HandlerFunction target) {
        new LambdaRoute(prefix + "-route", new LambdaRoute.Args(routeKey, prefix, routeName, api.apiId(),
                api.executionArn(), target, Optional.empty(), Optional.empty()),
                ComponentResourceOptions.builder().parent(api).build());
    }
}
