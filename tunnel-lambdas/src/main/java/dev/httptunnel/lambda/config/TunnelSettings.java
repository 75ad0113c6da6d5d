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

import dev.httptunnel.lambda.service.OfflineHold;
import dev.httptunnel.protocol.ProtocolLimits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a handler is configured with, read once per process. A setting the function does not
 * read is null.
 *
 * @param publicUrlTemplates public URLs of a tunnel, {@code {tunnel}} standing for its id
 * @param responseDeadline how long the forwarding handler waits for the agent
 * @param bodyBucket the S3 bucket for large bodies; null when large bodies are not supported
 * @param tokensTable the table of agent tokens and their names (the forwarding handler reads name items only)
 * @param offlineHold how long a request for a held name that no connection serves waits for one
 */
public record TunnelSettings(String connectionsTable, String pendingRequestsTable, String domainName,
                             URI websocketApiEndpoint, List<String> publicUrlTemplates,
                             Duration responseDeadline, String bodyBucket, String tokensTable,
                             Duration offlineHold) {

    public static final String TUNNEL_PLACEHOLDER = "{tunnel}";

    /**
     * Under the HTTP API's 29 s integration timeout, leaving time for a SnapStart restore, reading an
     * uploaded body from S3 and returning the response.
     */
    // From the int constant, which javac copies in: tunnel-infra reads this class without tunnel-common.
    public static final Duration DEFAULT_RESPONSE_DEADLINE =
            Duration.ofSeconds(ProtocolLimits.RESPONSE_DEADLINE_SECONDS);

    /** Settings without a body bucket or a tokens table: those of a handler that reads neither. */
    public TunnelSettings(String connectionsTable, String pendingRequestsTable, String domainName,
                          URI websocketApiEndpoint, List<String> publicUrlTemplates, Duration responseDeadline) {
        this(connectionsTable, pendingRequestsTable, domainName, websocketApiEndpoint, publicUrlTemplates,
                responseDeadline, null, null, null);
    }

    public TunnelSettings {
        bodyBucket = bodyBucket == null || bodyBucket.isBlank() ? null : bodyBucket.trim();
        domainName = domainName == null ? null : domainName.toLowerCase(Locale.ROOT);
        publicUrlTemplates = publicUrlTemplates == null ? List.of() : List.copyOf(publicUrlTemplates);
        responseDeadline = responseDeadline == null ? DEFAULT_RESPONSE_DEADLINE : responseDeadline;
        offlineHold = offlineHold == null ? OfflineHold.DEFAULT_HOLD_TIME : offlineHold;
        if (offlineHold.isNegative() || offlineHold.compareTo(OfflineHold.MAX_HOLD_TIME) > 0) {
            throw new IllegalArgumentException(OFFLINE_HOLD_MILLIS + " must be between 0 and "
                    + OfflineHold.MAX_HOLD_TIME.toMillis() + " ms: " + offlineHold.toMillis());
        }
        if (responseDeadline.isNegative() || responseDeadline.isZero()) {
            throw new IllegalArgumentException("response deadline must be positive: " + responseDeadline);
        }
        for (String template : publicUrlTemplates) {
            if (!template.contains(TUNNEL_PLACEHOLDER)) {
                throw new IllegalArgumentException("public URL template lacks " + TUNNEL_PLACEHOLDER + ": " + template);
            }
        }
    }

    /** The settings of {@code function} from the environment; every missing variable is named at once. */
    public static TunnelSettings fromEnvironment(TunnelFunction function, Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (String name : function.requiredVariables()) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("the " + function.shortName()
                    + " function is missing environment variables: " + String.join(", ", missing));
        }
        try {
            return new TunnelSettings(
                    env.get(CONNECTIONS_TABLE_NAME),
                    env.get(PENDING_REQUESTS_TABLE_NAME),
                    env.get(DOMAIN_NAME),
                    parseEndpoint(env.get(WEBSOCKET_API_ENDPOINT)),
                    parseTemplates(env.get(PUBLIC_URL_TEMPLATES)),
                    parseMillis(RESPONSE_DEADLINE_MILLIS, env.get(RESPONSE_DEADLINE_MILLIS)),
                    env.get(BODY_BUCKET_NAME),
                    env.get(TOKENS_TABLE_NAME),
                    parseMillis(OFFLINE_HOLD_MILLIS, env.get(OFFLINE_HOLD_MILLIS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the " + function.shortName() + " function is misconfigured: "
                    + e.getMessage());
        }
    }

    public List<String> publicUrls(String tunnelId) {
        return publicUrlTemplates.stream().map(t -> t.replace(TUNNEL_PLACEHOLDER, tunnelId)).toList();
    }

    private static URI parseEndpoint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri = URI.create(value.trim());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException(WEBSOCKET_API_ENDPOINT
                    + " must be the https:// Management API endpoint, not '" + value + "'");
        }
        return uri;
    }

    private static List<String> parseTemplates(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A number of milliseconds; null (the setting's default) when unset. */
    private static Duration parseMillis(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds: '" + value + "'");
        }
    }
}
