package dev.httptunnel.infra.plan;

import com.pulumi.asset.AssetOrArchive;
import com.pulumi.test.Mocks;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Stands in for AWS: records what the program registers and answers with the attributes AWS would
 * compute (ARNs, endpoints, versions). Every attribute the program reads must be here: a missing one
 * makes the run stop silently at the first resource that depends on it.
 */
public final class PlanMocks implements Mocks {

    public static final String ACCOUNT = "123456789012";

    /**
     * S3 applies one configuration call per bucket at a time and answers a concurrent one with 409
     * OperationAborted; these are answered late, so a program that does not wait for each before the next
     * shows it in {@link RecordedResource#createdBefore()}.
     */
    static final Set<String> BUCKET_SETTINGS = Set.of(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
            "aws:s3/bucketPolicy:BucketPolicy");
    private static final long BUCKET_SETTING_MILLIS = 20;

    private final String region;
    private final List<RecordedResource> recorded = new ArrayList<>();
    private final Set<String> created = new HashSet<>();

    public PlanMocks(String region) {
        this.region = region;
    }

    /** What the program registered, in registration order. */
    public synchronized List<RecordedResource> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var state = new HashMap<String, Object>(args.inputs);
        String physicalName = String.valueOf(args.inputs.getOrDefault("name", args.name + "-" + suffix(args.name)));
        String id = physicalName;
        switch (args.type) {
            case "aws:dynamodb/table:Table" ->
                    state.put("arn", arn("dynamodb", "table/" + physicalName));
            case "aws:iam/role:Role" -> {
                state.put("name", physicalName);
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + physicalName);
            }
            case "aws:cloudwatch/logGroup:LogGroup" ->
                    state.put("arn", arn("logs", "log-group:" + physicalName));
            case "aws:lambda/function:Function" -> {
                String arn = arn("lambda", "function:" + physicalName);
                state.put("arn", arn);
                state.put("invokeArn", invokeArn(arn));
                state.put("version", "1");
                state.put("qualifiedArn", arn + ":1");
                state.put("qualifiedInvokeArn", invokeArn(arn + ":1"));
            }
            case "aws:lambda/alias:Alias" -> {
                String arn = arn("lambda", "function:" + args.inputs.get("functionName") + ":" + physicalName);
                state.put("arn", arn);
                state.put("invokeArn", invokeArn(arn));
            }
            case "aws:apigatewayv2/api:Api" -> {
                id = suffix(args.name) + "api";
                boolean webSocket = "WEBSOCKET".equals(args.inputs.get("protocolType"));
                state.put("apiEndpoint", (webSocket ? "wss://" : "https://") + id + ".execute-api." + region + ".amazonaws.com");
                state.put("executionArn", arn("execute-api", id));
                state.put("arn", "arn:aws:apigateway:" + region + "::/apis/" + id);
            }
            case "aws:apigatewayv2/stage:Stage" -> {
                state.put("invokeUrl", "https://" + args.inputs.get("apiId") + ".execute-api." + region
                        + ".amazonaws.com/" + physicalName);
                state.put("arn", "arn:aws:apigateway:" + region + "::/apis/" + args.inputs.get("apiId") + "/stages/" + physicalName);
            }
            case "aws:apigatewayv2/domainName:DomainName" -> {
                id = String.valueOf(args.inputs.get("domainName"));
                var configuration = new HashMap<String, Object>(castMap(args.inputs.get("domainNameConfiguration")));
                configuration.put("targetDomainName", "d-" + suffix(id) + "abc.execute-api." + region + ".amazonaws.com");
                configuration.put("hostedZoneId", "Z1UJRXOUMOOFQ8");
                state.put("domainNameConfiguration", configuration);
                state.put("arn", "arn:aws:apigateway:" + region + "::/domainnames/" + id);
            }
            case "aws:acm/certificate:Certificate" -> {
                String domain = String.valueOf(args.inputs.get("domainName"));
                state.put("arn", arn("acm", "certificate/" + suffix(domain) + "-0000-4000-8000-000000000000"));
                state.put("domainValidationOptions", List.of(Map.of(
                        "domainName", domain,
                        "resourceRecordName", "_" + suffix(domain) + "." + domain.replace("*.", "") + ".",
                        "resourceRecordType", "CNAME",
                        "resourceRecordValue", "_" + suffix(domain + "v") + ".acm-validations.aws.")));
            }
            case "aws:route53/record:Record" ->
                    state.put("fqdn", String.valueOf(args.inputs.get("name")).replaceAll("\\.$", ""));
            case "aws:s3/bucketV2:BucketV2" -> {
                // AWS completes bucketPrefix with a unique suffix; a stable stand-in keeps the plan repeatable.
                Object given = args.inputs.get("bucket");
                id = given != null ? String.valueOf(given) : args.inputs.getOrDefault("bucketPrefix", "") + suffix(args.name);
                state.put("bucket", id);
                state.put("arn", "arn:aws:s3:::" + id);
                state.put("bucketDomainName", id + ".s3.amazonaws.com");
                state.put("bucketRegionalDomainName", id + ".s3." + region + ".amazonaws.com");
                state.put("region", region);
            }
            case "aws:sns/topic:Topic" -> state.put("arn", arn("sns", physicalName));
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> state.put("arn", arn("cloudwatch", "alarm:" + physicalName));
            default -> id = args.name + "-id";
        }
        var result = ResourceResult.of(Optional.of(id), state);
        synchronized (this) {
            recorded.add(new RecordedResource(args.type, args.name, Map.copyOf(readable(args.inputs)), id,
                    Set.copyOf(created)));
        }
        if (!BUCKET_SETTINGS.contains(args.type)) {
            markCreated(args.name);
            return CompletableFuture.completedFuture(result);
        }
        return CompletableFuture.supplyAsync(() -> {
            markCreated(args.name);
            return result;
        }, CompletableFuture.delayedExecutor(BUCKET_SETTING_MILLIS, TimeUnit.MILLISECONDS));
    }

    private synchronized void markCreated(String name) {
        created.add(name);
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
    }

    private String invokeArn(String functionArn) {
        return "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }

    /** A short stable hex string, so the plan prints the same ids every time. */
    private static String suffix(String seed) {
        var crc = new CRC32();
        crc.update(seed.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue()).substring(0, 7);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** Inputs without nulls, archives shown as {@code FileArchive(<path>)}. */
    private static Map<String, Object> readable(Map<String, Object> inputs) {
        var copy = new HashMap<String, Object>();
        inputs.forEach((key, value) -> {
            if (value instanceof AssetOrArchive archive) {
                copy.put(key, archive.getClass().getSimpleName() + "(" + archiveValue(archive) + ")");
            } else if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    /** The SDK keeps an archive's path in a protected field and offers no accessor. */
    private static Object archiveValue(AssetOrArchive archive) {
        try {
            Field value = AssetOrArchive.class.getDeclaredField("value");
            value.setAccessible(true);
            return value.get(archive);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }
}
