package dev.httptunnel.lambda.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.lambda.port.BodyTooLargeException;
import dev.httptunnel.lambda.support.S3rver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The body store against a real S3-compatible server. s3rver checks a presigned URL's expiry but not its
 * signature, so tampering is AWS's to refuse and is not tested here.
 */
class S3BodyStoreIT {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final S3rver s3rver = S3rver.shared();
    private final S3Client s3 = s3rver.client();
    private final String bucket = s3rver.createBucket("bodies-" + ProcessHandle.current().pid() + "-"
            + BUCKETS.incrementAndGet());
    private final S3BodyStore store = new S3BodyStore(s3, s3rver.presigner(), bucket, Duration.ofSeconds(60));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aStoredRequestBody_downloadsByteExact_fromItsPresignedUrl() throws Exception {
        byte[] body = random(1_000_000);

        String url = store.putRequestBody("req-1", body);

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body().length).isEqualTo(body.length);
        assertThat(java.util.Arrays.equals(download.body(), body)).as("downloaded bytes equal the stored ones").isTrue();
    }

    @Test
    void anUploadedResponseBody_isTakenOnce_andThenGone() throws Exception {
        byte[] body = random(2_000_000);
        String url = store.responseUploadUrl("req-2");

        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(store.takeResponseBody("req-2", 4_500_000))
                .hasValueSatisfying(b -> assertThat(java.util.Arrays.equals(b, body)).as("bytes equal").isTrue());
        assertThat(store.takeResponseBody("req-2", 4_500_000)).isEmpty();
    }

    @Test
    void aResponseBodyOverTheLimit_isRefusedWithItsSize_andDeleted() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(store.responseUploadUrl("req-3")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(random(5_000))).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThatThrownBy(() -> store.takeResponseBody("req-3", 4_999))
                .isInstanceOfSatisfying(BodyTooLargeException.class, e -> {
                    assertThat(e.size()).isEqualTo(5_000);
                    assertThat(e.limit()).isEqualTo(4_999);
                });
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket(bucket).key("responses/req-3")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void nothingUploaded_isEmpty() {
        assertThat(store.takeResponseBody("never", 10)).isEmpty();
    }

    @Test
    void discardedRequestBodies_areGone_andDiscardingTwiceIsFine() {
        store.putRequestBody("req-4", random(10));

        store.discardRequestBody("req-4");
        store.discardRequestBody("req-4");

        assertThatThrownBy(() -> s3.getObject(r -> r.bucket(bucket).key("requests/req-4")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void anExpiredUrl_isRefusedByTheServer() throws Exception {
        S3BodyStore shortLived = new S3BodyStore(s3, s3rver.presigner(), bucket, Duration.ofSeconds(1));
        String url = shortLived.putRequestBody("req-7", random(10));
        Thread.sleep(2_100);

        HttpResponse<String> download = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(download.statusCode()).isEqualTo(403);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
