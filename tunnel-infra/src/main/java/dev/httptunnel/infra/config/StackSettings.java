package dev.httptunnel.infra.config;

import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.service.OfflineHold;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the stack needs to know about one environment, read once and validated at once, so a
 * bad setting fails before a single resource is registered.
 *
 * @param environment           {@code dev}, {@code prod}…; part of every resource name
 * @param domainName            the tunnels' parent domain, e.g. {@code tunnel.example.com}
 * @param enableCustomDomain    serve {@code *.domainName} through an API Gateway custom domain
 * @param certificateArn        ACM certificate for {@code *.domainName} in the deployment region
 * @param hostedZoneId          Route 53 zone of {@code domainName}: enables the alias record and, without
 *                              a certificateArn, a DNS-validated certificate
 * @param lambdaArchitecture    {@code x86_64} or {@code arm64}
 * @param lambdaMemorySize      MB per function
 * @param lambdaTimeout         requested function timeout in seconds (capped, see {@link #functionTimeoutSeconds()})
 * @param region                {@code aws:region}: the only source of the region anywhere in the stack
 * @param alarmEmail            address subscribed to the alarm topic
 * @param logRetentionDays      retention of every log group the stack creates
 * @param throttlingRateLimit   steady requests/s allowed per stage
 * @param throttlingBurstLimit  burst allowed per stage
 * @param manageApiGatewayAccount whether this stack sets the account's API Gateway CloudWatch role
 * @param lambdaArtifactDir     directory holding {@code connect.jar}, {@code disconnect.jar}…
 * @param offlineHoldSeconds    how long a request for a name whose agent is away waits for it before
 *                              503 "tunnel offline" (0 holds none); billed wait, see docs
 */
public record StackSettings(
        String environment,
        String domainName,
        boolean enableCustomDomain,
        Optional<String> certificateArn,
        Optional<String> hostedZoneId,
        String lambdaArchitecture,
        int lambdaMemorySize,
        int lambdaTimeout,
        String region,
        Optional<String> alarmEmail,
        int logRetentionDays,
        double throttlingRateLimit,
        int throttlingBurstLimit,
        boolean manageApiGatewayAccount,
        Path lambdaArtifactDir,
        int offlineHoldSeconds) {

    public static final String PROJECT = "http-tunnel";

    /** API Gateway gives up on an integration after 29 s (HTTP and WebSocket APIs alike). */
    public static final int API_GATEWAY_TIMEOUT_SECONDS = 29;

    /** The forwarding handler's own deadline when {@code RESPONSE_DEADLINE_MILLIS} is unset. */
    public static final int HANDLER_DEFAULT_DEADLINE_MILLIS =
            (int) TunnelSettings.DEFAULT_RESPONSE_DEADLINE.toMillis();

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,15}");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}");
    private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws:acm:[a-z0-9-]+:([0-9]{12}):certificate/([0-9a-f-]+)");
    // The account ids AWS's documentation uses in its examples: never a real account's.
    private static final Set<String> EXAMPLE_ACCOUNTS =
            Set.of("123456789012", "111122223333", "444455556666", "555555555555", "999999999999", "000000000000");
    // The values CloudWatch Logs accepts for RetentionInDays.
    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public StackSettings {
        require(ENVIRONMENT.matcher(environment).matches(),
                "http-tunnel:environment must be 1-16 lowercase letters, digits or '-', but was '" + environment + "'");
        require(DOMAIN.matcher(domainName).matches(),
                "http-tunnel:domainName must be a lowercase DNS name such as tunnel.example.com, but was '" + domainName + "'");
        require(ARCHITECTURES.contains(lambdaArchitecture),
                "http-tunnel:lambdaArchitecture must be x86_64 or arm64, but was '" + lambdaArchitecture + "'");
        require(lambdaMemorySize >= 128 && lambdaMemorySize <= 10_240,
                "http-tunnel:lambdaMemorySize must be between 128 and 10240 MB, but was " + lambdaMemorySize);
        require(lambdaTimeout >= 3,
                "http-tunnel:lambdaTimeout must be at least 3 seconds, but was " + lambdaTimeout);
        require(RETENTION_DAYS.contains(logRetentionDays),
                "http-tunnel:logRetentionDays must be one of CloudWatch's values " + sorted(RETENTION_DAYS)
                        + ", but was " + logRetentionDays);
        require(throttlingRateLimit > 0 && throttlingBurstLimit > 0,
                "http-tunnel:throttlingRateLimit and throttlingBurstLimit must be positive, but were "
                        + throttlingRateLimit + " and " + throttlingBurstLimit);
        require(!region.isBlank(), "aws:region must be set");
        require(offlineHoldSeconds >= 0 && offlineHoldSeconds <= OfflineHold.MAX_HOLD_TIME.toSeconds(),
                "http-tunnel:offlineHoldSeconds must be between 0 and " + OfflineHold.MAX_HOLD_TIME.toSeconds()
                        + " (each held request is billed for its wait, within the 29 s integration timeout), but was "
                        + offlineHoldSeconds);
        // The spec let a missing certificate surface as an API Gateway error minutes into the update.
        require(!enableCustomDomain || certificateArn.isPresent() || hostedZoneId.isPresent(),
                "http-tunnel:enableCustomDomain is true but neither http-tunnel:certificateArn nor "
                        + "http-tunnel:hostedZoneId is set: give the ARN of an ACM certificate for *." + domainName
                        + " in " + region + ", or the Route 53 hosted zone id so the stack can issue one");
        certificateArn.ifPresent(arn -> requireCertificateArn(arn, region));
    }

    /**
     * An ACM certificate in the stack's region that could be real: a copied example would pass a prefix check
     * and fail only at {@code DomainName}, after everything before it was created.
     */
    private static void requireCertificateArn(String arn, String region) {
        require(arn.startsWith("arn:aws:acm:" + region + ":"),
                "http-tunnel:certificateArn must be an ACM certificate in " + region
                        + " (a regional API Gateway domain needs one in its own region), but was '" + arn + "'");
        var parts = CERTIFICATE_ARN.matcher(arn);
        require(parts.matches(), "http-tunnel:certificateArn must look like arn:aws:acm:" + region
                + ":<12-digit account>:certificate/<id>, but was '" + arn + "'");
        require(!EXAMPLE_ACCOUNTS.contains(parts.group(1)) && !parts.group(2).matches("[0-]+"),
                "http-tunnel:certificateArn '" + arn + "' is a placeholder (an example account or an all-zero id): "
                        + "set the ARN of your ACM certificate for the domain, or unset it and set "
                        + "http-tunnel:hostedZoneId so the stack issues one");
    }

    /** Reads and validates every setting; the defaults are the spec's. */
    public static StackSettings from(ConfigSource config, Path lambdaArtifactDir) {
        return new StackSettings(
                required(config, PROJECT, "environment"),
                required(config, PROJECT, "domainName"),
                bool(config, "enableCustomDomain", false),
                config.get(PROJECT, "certificateArn").filter(v -> !v.isBlank()),
                config.get(PROJECT, "hostedZoneId").filter(v -> !v.isBlank()),
                config.get(PROJECT, "lambdaArchitecture").orElse("x86_64"),
                integer(config, "lambdaMemorySize", 256),
                integer(config, "lambdaTimeout", 30),
                required(config, "aws", "region"),
                config.get(PROJECT, "alarmEmail").filter(v -> !v.isBlank()),
                integer(config, "logRetentionDays", 14),
                number(config, "throttlingRateLimit", 100),
                integer(config, "throttlingBurstLimit", 200),
                bool(config, "manageApiGatewayAccount", true),
                lambdaArtifactDir,
                integer(config, "offlineHoldSeconds", (int) OfflineHold.DEFAULT_HOLD_TIME.toSeconds()));
    }

    /**
     * Every function's timeout. A request the HTTP API has already abandoned after 29 s would keep a
     * Lambda running, and billing, until a longer timeout: so never more than 29 s.
     */
    public int functionTimeoutSeconds() {
        return Math.min(lambdaTimeout, API_GATEWAY_TIMEOUT_SECONDS);
    }

    /**
     * The forwarding handler's wait for the agent, when a shorter timeout than the default requires one:
     * one second below the function timeout leaves time to answer 504 and clean up.
     */
    public Optional<Integer> responseDeadlineMillis() {
        int deadline = functionTimeoutSeconds() * 1000 - 1000;
        return deadline < HANDLER_DEFAULT_DEADLINE_MILLIS ? Optional.of(deadline) : Optional.empty();
    }

    /** Tags on every taggable resource. */
    public Map<String, String> tags() {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Environment", environment);
        tags.put("Project", PROJECT);
        tags.put("ManagedBy", "pulumi");
        return Map.copyOf(tags);
    }

    /** {@link #tags()} plus a {@code Name} tag. */
    public Map<String, String> tags(String name) {
        var tags = new LinkedHashMap<>(tags());
        tags.put("Name", name);
        return Map.copyOf(tags);
    }

    /** {@code http-tunnel-<what>-<environment>}: the spec's naming scheme for AWS-visible names. */
    public String physicalName(String what) {
        return PROJECT + "-" + what + "-" + environment;
    }

    /** The wildcard host the custom domain serves. */
    public String wildcardDomain() {
        return "*." + domainName;
    }

    /**
     * The public URL templates announced to agents: the subdomain form when the custom domain serves
     * {@code *.domainName}, and always the path form on the HTTP API's own endpoint, which works with
     * no DNS at all. The path form ends with a slash, so that a page's relative links stay in the tunnel.
     */
    public String publicUrlTemplates(String httpApiEndpoint) {
        String pathForm = httpApiEndpoint + "/{tunnel}/";
        return enableCustomDomain ? "https://{tunnel}." + domainName + "," + pathForm : pathForm;
    }

    private static String required(ConfigSource config, String namespace, String key) {
        return config.get(namespace, key).filter(v -> !v.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("missing required configuration " + namespace + ":" + key
                        + " (set it with: pulumi config set " + namespace + ":" + key + " <value>)"));
    }

    private static boolean bool(ConfigSource config, String key, boolean fallback) {
        return config.get(PROJECT, key).map(v -> switch (v.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    PROJECT + ":" + key + " must be true or false, but was '" + v + "'");
        }).orElse(fallback);
    }

    private static int integer(ConfigSource config, String key, int fallback) {
        return config.get(PROJECT, key).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROJECT + ":" + key + " must be a whole number, but was '" + v + "'");
            }
        }).orElse(fallback);
    }

    private static double number(ConfigSource config, String key, double fallback) {
        return config.get(PROJECT, key).map(v -> {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROJECT + ":" + key + " must be a number, but was '" + v + "'");
            }
        }).orElse(fallback);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static List<Integer> sorted(Set<Integer> values) {
        return values.stream().sorted().toList();
    }
}
