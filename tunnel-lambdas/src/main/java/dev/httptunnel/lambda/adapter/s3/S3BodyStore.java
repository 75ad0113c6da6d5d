package dev.httptunnel.lambda.adapter.s3;

import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Large bodies in an S3 bucket under {@code requests/} and {@code responses/}, exchanged with the agent
 * through presigned URLs. Objects are deleted as soon as they are used (S3 does not charge for
 * deletes); the bucket's lifecycle rule removes whatever an abandoned request leaves behind.
 */
public final class S3BodyStore implements BodyStore {

    private static final System.Logger LOG = System.getLogger(S3BodyStore.class.getName());

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration urlLifetime;

    public S3BodyStore(S3Client s3, S3Presigner presigner, String bucket, Duration urlLifetime) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.urlLifetime = urlLifetime;
    }

    /** Where request bodies wait for the agent; the infrastructure program's lifecycle rule names it too. */
    public static final String REQUESTS_PREFIX = "requests/";
    /** Where the agent uploads response bodies; the infrastructure program's lifecycle rule names it too. */
    public static final String RESPONSES_PREFIX = "responses/";

    static String requestKey(String requestId) {
        return REQUESTS_PREFIX + requestId;
    }

    static String responseKey(String requestId) {
        return RESPONSES_PREFIX + requestId;
    }

    @Override
    public String putRequestBody(String requestId, byte[] body) {
        String key = requestKey(requestId);
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
        return presigner.presignGetObject(r -> r.signatureDuration(urlLifetime)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    @Override
    public String responseUploadUrl(String requestId) {
        return presigner.presignPutObject(r -> r.signatureDuration(urlLifetime)
                .putObjectRequest(p -> p.bucket(bucket).key(responseKey(requestId)))).url().toString();
    }

    @Override
    public Optional<byte[]> takeResponseBody(String requestId, int maxBytes) {
        String key = responseKey(requestId);
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(r -> r.bucket(bucket).key(key))) {
            Long size = object.response().contentLength();
            if (size != null && size > maxBytes) {
                object.abort();
                throw new BodyTooLargeException(size, maxBytes);
            }
            return Optional.of(object.readAllBytes());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // Without s3:ListBucket (which the role deliberately lacks) S3 answers 403, not 404, for a key
            // that does not exist.
            if (e.statusCode() == 403) {
                LOG.log(System.Logger.Level.WARNING, "no readable response body at {0} (403)", key);
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " failed", e);
        } finally {
            delete(key);
        }
    }

    /** Deletes are clean-up: a failure is logged, never thrown over the caller's answer. */
    private void delete(String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + key + "; the lifecycle rule will", e);
        }
    }

    @Override
    public void discardRequestBody(String requestId) {
        delete(requestKey(requestId));
    }
}
