package dev.httptunnel.local.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.lambda.port.BodyTooLargeException;
import dev.httptunnel.lambda.support.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LocalBodyStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LocalBodyStore store = new LocalBodyStore("http://127.0.0.1:8081/bodies", Duration.ofSeconds(30),
            clock);

    private static String key(String url) {
        return URI.create(url).getPath().substring("/bodies/".length());
    }

    private static String expires(String url) {
        return parameter(url, "X-Tunnel-Expires");
    }

    private static String signature(String url) {
        return parameter(url, "X-Amz-Signature");
    }

    private static String parameter(String url, String name) {
        for (String pair : URI.create(url).getQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " missing from " + url);
    }

    @Test
    void requestBody_isReadableOnlyWithItsUrlsSignature_untilTheUrlExpires() {
        String url = store.putRequestBody("req1", new byte[] {1, 2, 3});

        assertThat(store.get(key(url), expires(url), signature(url)))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(store.get(key(url), expires(url), "0".repeat(64))).isEmpty();
        assertThat(store.get(key(url), null, signature(url))).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.get(key(url), expires(url), signature(url))).isEmpty();
    }

    @Test
    void aUrlsSignature_holdsForItsOwnKeyAndExpiryOnly() {
        String first = store.putRequestBody("reqA", new byte[] {1});
        String second = store.putRequestBody("reqB", new byte[] {2});
        String later = Long.toString(Long.parseLong(expires(first)) + 3600);

        assertThat(store.get(key(second), expires(first), signature(first))).isEmpty();
        assertThat(store.get(key(first), later, signature(first))).isEmpty();
        assertThat(store.get(key(first), expires(first), signature(first))).isPresent();
    }

    @Test
    void aDownloadUrl_cannotUpload_andAnUploadUrl_keepsNothingUntilUsed() {
        String download = store.putRequestBody("reqC", new byte[] {1});
        String upload = store.responseUploadUrl("reqD");

        assertThat(store.put(key(download), expires(download), signature(download), new byte[] {9})).isFalse();
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.takeResponseBody("reqD", 10)).isEmpty();
        assertThat(store.put(key(upload), expires(upload), signature(upload), new byte[] {5})).isTrue();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void responseUpload_needsItsUploadUrl_andIsTakenOnce() {
        String url = store.responseUploadUrl("req2");

        assertThat(store.put(key(url), expires(url), "0".repeat(64), new byte[] {9})).isFalse();
        assertThat(store.put(key(url), expires(url), signature(url), new byte[] {7, 8})).isTrue();
        assertThat(store.takeResponseBody("req2", 10)).hasValueSatisfying(b -> assertThat(b).containsExactly(7, 8));
        assertThat(store.takeResponseBody("req2", 10)).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void responseOverTheLimit_isRefused_andDeletedAllTheSame() {
        String url = store.responseUploadUrl("req3");
        store.put(key(url), expires(url), signature(url), new byte[11]);

        assertThatThrownBy(() -> store.takeResponseBody("req3", 10)).isInstanceOf(BodyTooLargeException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void abandonedObjects_goWhenTheirUrlsExpire() {
        store.putRequestBody("old", new byte[100]);
        clock.advance(Duration.ofSeconds(31));

        store.putRequestBody("new", new byte[1]);

        assertThat(store.size()).isEqualTo(1);
    }
}
