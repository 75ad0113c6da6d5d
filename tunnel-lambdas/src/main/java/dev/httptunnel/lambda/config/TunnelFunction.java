package dev.httptunnel.lambda.config;

import static dev.httptunnel.lambda.config.EnvironmentVariables.BODY_BUCKET_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.CONNECTIONS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.DOMAIN_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.OFFLINE_HOLD_MILLIS;
import static dev.httptunnel.lambda.config.EnvironmentVariables.PENDING_REQUESTS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.PUBLIC_URL_TEMPLATES;
import static dev.httptunnel.lambda.config.EnvironmentVariables.RESPONSE_DEADLINE_MILLIS;
import static dev.httptunnel.lambda.config.EnvironmentVariables.TOKENS_TABLE_NAME;
import static dev.httptunnel.lambda.config.EnvironmentVariables.WEBSOCKET_API_ENDPOINT;

import java.util.List;

/**
 * The four Lambda functions: their handler entry point, their deployment jar and the environment
 * variables each one reads. The infrastructure program deploys exactly this list.
 */
public enum TunnelFunction {
    CONNECT("connect", "dev.httptunnel.lambda.handler.ConnectHandler",
            List.of(CONNECTIONS_TABLE_NAME, TOKENS_TABLE_NAME), List.of()),
    DISCONNECT("disconnect", "dev.httptunnel.lambda.handler.DisconnectHandler",
            List.of(CONNECTIONS_TABLE_NAME), List.of()),
    FORWARDING("forwarding", "dev.httptunnel.lambda.handler.ForwardingHandler",
            List.of(CONNECTIONS_TABLE_NAME, PENDING_REQUESTS_TABLE_NAME, TOKENS_TABLE_NAME, DOMAIN_NAME,
                    WEBSOCKET_API_ENDPOINT),
            List.of(RESPONSE_DEADLINE_MILLIS, BODY_BUCKET_NAME, OFFLINE_HOLD_MILLIS)),
    RESPONSE("response", "dev.httptunnel.lambda.handler.ResponseHandler",
            List.of(CONNECTIONS_TABLE_NAME, PENDING_REQUESTS_TABLE_NAME, WEBSOCKET_API_ENDPOINT, PUBLIC_URL_TEMPLATES),
            List.of());

    private final String shortName;
    private final String handlerClassName;
    private final List<String> requiredVariables;
    private final List<String> optionalVariables;

    TunnelFunction(String shortName, String handlerClassName, List<String> requiredVariables,
                   List<String> optionalVariables) {
        this.shortName = shortName;
        this.handlerClassName = handlerClassName;
        this.requiredVariables = requiredVariables;
        this.optionalVariables = optionalVariables;
    }

    /** {@code connect}, {@code disconnect}, {@code forwarding} or {@code response}. */
    public String shortName() {
        return shortName;
    }

    public String handlerClassName() {
        return handlerClassName;
    }

    /** The Lambda {@code handler} setting: {@code class::method}. */
    public String handler() {
        return handlerClassName + "::handleRequest";
    }

    /** The shaded jar's file name under {@code tunnel-lambdas/target/lambda/}. */
    public String jarFileName() {
        return shortName + ".jar";
    }

    /** Variables the handler refuses to start without. */
    public List<String> requiredVariables() {
        return requiredVariables;
    }

    /** Variables the handler reads when present, with a documented default otherwise. */
    public List<String> optionalVariables() {
        return optionalVariables;
    }
}
