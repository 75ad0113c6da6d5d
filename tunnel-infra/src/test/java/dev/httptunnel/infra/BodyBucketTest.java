package dev.httptunnel.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.RecordedResource;
import dev.httptunnel.lambda.config.TunnelFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.httptunnel.infra.Types.BUCKET;
import static dev.httptunnel.infra.Types.BUCKET_ENCRYPTION;
import static dev.httptunnel.infra.Types.BUCKET_LIFECYCLE;
import static dev.httptunnel.infra.Types.BUCKET_OWNERSHIP;
import static dev.httptunnel.infra.Types.BUCKET_POLICY;
import static dev.httptunnel.infra.Types.BUCKET_PUBLIC_ACCESS_BLOCK;
import static dev.httptunnel.infra.Types.FUNCTION;
import static dev.httptunnel.lambda.config.EnvironmentVariables.BODY_BUCKET_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket that carries large bodies: private, TLS only, encrypted, self-cleaning, and the one the
 * forwarding handler is told about.
 */
class BodyBucketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theStackHasOneBodyBucket_autoNamedFromTheEnvironment_andTagged(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        assertThat(result.ofType(BUCKET)).hasSize(1);
        RecordedResource bucket = result.ofType(BUCKET).get(0);
        // Bucket names are global: AWS completes the prefix, so two accounts can both deploy "dev".
        assertThat(bucket.string("bucketPrefix")).isEqualTo("http-tunnel-bodies-" + stack + "-");
        assertThat(bucket.input("bucket")).isEmpty();
        assertThat(bucketName(result)).startsWith("http-tunnel-bodies-" + stack + "-");
        assertThat(bucket.map("tags")).containsEntry("Name", "HTTP Tunnel Bodies")
                .containsEntry("Environment", stack).containsEntry("Project", "http-tunnel");
    }

    @Test
    void theLongestEnvironmentName_stillFitsTheProvidersBucketPrefixLimit() {
        String longest = "abcdefghijklmnop"; // StackSettings accepts up to 16 characters
        var result = StackFixtures.run("dev", Map.of("http-tunnel:environment", longest));
        // The provider refuses prefixes over 37 characters (it appends 26 and names stop at 63).
        assertThat(result.ofType(BUCKET).get(0).string("bucketPrefix"))
                .isEqualTo("http-tunnel-bodies-" + longest + "-").hasSizeLessThanOrEqualTo(37);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyBucketSetting_appliesToThisBucket(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        for (String type : List.of(BUCKET_PUBLIC_ACCESS_BLOCK, BUCKET_OWNERSHIP, BUCKET_ENCRYPTION, BUCKET_LIFECYCLE,
                BUCKET_POLICY)) {
            assertThat(result.ofType(type)).as(type).hasSize(1);
            assertThat(result.ofType(type).get(0).string("bucket")).as(type).isEqualTo(bucketName(result));
        }
    }

    @Test
    void bucketSettings_areAppliedOneAtATime_becauseS3AbortsConcurrentConfigurationCalls() {
        MockedStack.Result result = StackFixtures.run("dev");
        List<String> order = List.of(BUCKET_PUBLIC_ACCESS_BLOCK, BUCKET_OWNERSHIP, BUCKET_ENCRYPTION, BUCKET_LIFECYCLE,
                BUCKET_POLICY);
        for (int i = 1; i < order.size(); i++) {
            RecordedResource previous = result.ofType(order.get(i - 1)).get(0);
            RecordedResource next = result.ofType(order.get(i)).get(0);
            assertThat(next.createdBefore()).as(next.name() + " waits for " + previous.name()).contains(previous.name());
        }
    }

    @Test
    void publicAccess_isBlockedInEveryWay_andAclsAreOff() {
        MockedStack.Result dev = StackFixtures.run("dev");
        RecordedResource block = dev.ofType(BUCKET_PUBLIC_ACCESS_BLOCK).get(0);
        for (String setting : List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")) {
            assertThat(block.input(setting)).as(setting).contains(true);
        }
        assertThat(dev.ofType(BUCKET_OWNERSHIP).get(0).string("rule.objectOwnership")).isEqualTo("BucketOwnerEnforced");
    }

    @Test
    void objects_areEncryptedAtRestWithS3ManagedKeys() {
        RecordedResource encryption = StackFixtures.run("dev").ofType(BUCKET_ENCRYPTION).get(0);
        assertThat(encryption.list("rules")).hasSize(1);
        @SuppressWarnings("unchecked")
        var rule = (Map<String, Object>) encryption.list("rules").get(0);
        assertThat(rule).extractingByKey("applyServerSideEncryptionByDefault")
                .isEqualTo(Map.of("sseAlgorithm", "AES256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void abandonedBodies_andIncompleteUploads_expireAfterOneDay_underBothPrefixes(String stack) {
        RecordedResource lifecycle = StackFixtures.run(stack).ofType(BUCKET_LIFECYCLE).get(0);
        var prefixes = new ArrayList<Object>();
        for (Object item : lifecycle.list("rules")) {
            @SuppressWarnings("unchecked")
            var rule = (Map<String, Object>) item;
            @SuppressWarnings("unchecked")
            var filter = (Map<String, Object>) rule.get("filter");
            assertThat(rule).as("rule %s", rule.get("id")).containsEntry("status", "Enabled")
                    .containsEntry("expiration", Map.of("days", 1.0))
                    .containsEntry("abortIncompleteMultipartUpload", Map.of("daysAfterInitiation", 1.0));
            prefixes.add(filter.get("prefix"));
        }
        assertThat(prefixes).containsExactlyInAnyOrder("requests/", "responses/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void bucketPolicy_deniesEveryRequestWithoutTls_andGrantsNothing(String stack) throws Exception {
        MockedStack.Result result = StackFixtures.run(stack);
        JsonNode policy = JSON.readTree(result.ofType(BUCKET_POLICY).get(0).string("policy"));
        String arn = "arn:aws:s3:::" + bucketName(result);
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.path("Statement")).hasSize(1);
        JsonNode statement = policy.path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(texts(statement.path("Action"))).containsExactly("s3:*");
        assertThat(texts(statement.path("Resource"))).containsExactlyInAnyOrder(arn, arn + "/*");
        assertThat(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        assertThat(statement.path("Condition").size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theForwardingFunction_isToldThisBucketsName_andNoOtherFunctionIs(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        for (TunnelFunction function : TunnelFunction.values()) {
            var variables = result.get(FUNCTION, function.shortName() + "-handler").input("environment.variables")
                    .map(Map.class::cast).orElse(Map.of());
            if (function == TunnelFunction.FORWARDING) {
                assertThat(variables.get(BODY_BUCKET_NAME)).isEqualTo(bucketName(result));
            } else {
                assertThat(variables).as(function.shortName()).doesNotContainKey(BODY_BUCKET_NAME);
            }
        }
        assertThat(result.outputs()).containsEntry("bodyBucketName", bucketName(result));
    }

    /** The name AWS gave the bucket: the mocks' stand-in, which they also return as its id. */
    private static String bucketName(MockedStack.Result result) {
        return result.ofType(BUCKET).get(0).id();
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
