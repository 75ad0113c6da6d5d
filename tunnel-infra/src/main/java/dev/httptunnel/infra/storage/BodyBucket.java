package dev.httptunnel.infra.storage;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.infra.iam.PolicyDocument;
import dev.httptunnel.infra.iam.PolicyStatement;
import dev.httptunnel.lambda.adapter.s3.S3BodyStore;

import java.util.List;
import java.util.Map;

/**
 * The private bucket through which bodies too large for one WebSocket message travel: the forwarding
 * handler stores request bodies under {@value #REQUESTS_PREFIX} and the agent uploads response bodies
 * under {@value #RESPONSES_PREFIX}, both through presigned URLs. The handler deletes each object right
 * after use; the lifecycle rule only sweeps up what an abandoned request leaves behind.
 */
public final class BodyBucket extends ComponentResource {

    public static final String REQUESTS_PREFIX = S3BodyStore.REQUESTS_PREFIX;
    public static final String RESPONSES_PREFIX = S3BodyStore.RESPONSES_PREFIX;

    /** Objects outlive a request (29 s at most) by far; a day is the shortest lifecycle period S3 offers. */
    public static final int EXPIRATION_DAYS = 1;

    /** The provider's limit for {@code bucketPrefix}: it appends 26 characters, and names stop at 63. */
    static final int MAX_PREFIX_LENGTH = 37;

    private final BucketV2 bucket;

    public BodyBucket(String name, StackSettings settings, ComponentResourceOptions options) {
        super("http-tunnel:storage:BodyBucket", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.bucket = new BucketV2("body-bucket", BucketV2Args.builder()
                // Bucket names are global: AWS completes the prefix with a unique suffix.
                .bucketPrefix(namePrefix(settings))
                // Holds nothing worth keeping; `pulumi destroy` must not stop at a leftover body.
                .forceDestroy(true)
                .tags(settings.tags("HTTP Tunnel Bodies"))
                .build(), child);

        // S3 applies one configuration call per bucket at a time and aborts a concurrent one (409
        // OperationAborted), so each setting waits for the one before it.
        var publicAccessBlock = new BucketPublicAccessBlock("body-bucket-public-access-block",
                BucketPublicAccessBlockArgs.builder()
                        .bucket(bucket.id())
                        .blockPublicAcls(true)
                        .ignorePublicAcls(true)
                        .blockPublicPolicy(true)
                        .restrictPublicBuckets(true)
                        .build(), child);

        // ACLs off: the account owns every object, including those the agent uploads with a presigned URL.
        var ownership = new BucketOwnershipControls("body-bucket-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), after(publicAccessBlock));

        var encryption = new BucketServerSideEncryptionConfigurationV2("body-bucket-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                .builder().sseAlgorithm("AES256").build())
                                .build())
                        .build(), after(ownership));

        var lifecycle = new BucketLifecycleConfigurationV2("body-bucket-lifecycle",
                BucketLifecycleConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(expire(REQUESTS_PREFIX), expire(RESPONSES_PREFIX))
                        .build(), after(encryption));

        // Last, so that the public access block is in place before any policy exists.
        new BucketPolicy("body-bucket-tls-only", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucket.arn().applyValue(arn -> tlsOnly(arn).toJson()))
                .build(), after(lifecycle));

        registerOutputs(Map.of("bucketName", bucketName(), "bucketArn", bucketArn()));
    }

    private CustomResourceOptions after(Resource previous) {
        return CustomResourceOptions.builder().parent(this).dependsOn(previous).build();
    }

    /** {@code http-tunnel-bodies-<environment>-}, which AWS completes to a globally unique name. */
    static String namePrefix(StackSettings settings) {
        String prefix = settings.physicalName("bodies") + "-";
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalStateException("the body bucket's name prefix '" + prefix + "' is longer than the "
                    + MAX_PREFIX_LENGTH + " characters S3 allows; use a shorter http-tunnel:environment");
        }
        return prefix;
    }

    /** Objects under {@code prefix}, and uploads under it that never completed, are removed after a day. */
    private static BucketLifecycleConfigurationV2RuleArgs expire(String prefix) {
        return BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("expire-abandoned-" + prefix.replace("/", ""))
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(prefix).build())
                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(EXPIRATION_DAYS).build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                        .builder().daysAfterInitiation(EXPIRATION_DAYS).build())
                .build();
    }

    /** Refuses every request that does not arrive over TLS, whoever signed it (presigned URLs included). */
    static PolicyDocument tlsOnly(String bucketArn) {
        return PolicyDocument.of(PolicyStatement.denyToEveryoneWhen(
                Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                List.of("s3:*"), bucketArn, bucketArn + "/*"));
    }

    /** The bucket's name as AWS completed it: what the forwarding handler is told. */
    public Output<String> bucketName() {
        return bucket.bucket();
    }

    /** {@code arn:aws:s3:::<name>}. */
    public Output<String> bucketArn() {
        return bucket.arn();
    }
}
