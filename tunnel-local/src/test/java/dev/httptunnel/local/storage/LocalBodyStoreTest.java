package dev.httptunnel.local.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.lambda.port.BodyTooLargeException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalBodyStoreTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LocalBodyStore store = new LocalBodyStore("http://127.0.0.1:8081/bodies", Duration.ofSeconds(30),
            clock);

    private static String key(String url) {
        return URI.create(url).getPath().substring("/bodies/".length());
    }

    private static String signature(String url) {
        return URI.create(url).getQuery().substring("X-Amz-Signature=".length());
    }

    @Test
    void requestBody_isReadableOnlyWithItsUrlsSignature_untilTheUrlExpires() {
        String url = store.putRequestBody("req1", new byte[] {1, 2, 3});

        assertThat(store.get(key(url), signature(url))).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(store.get(key(url), "0".repeat(32))).isEmpty();
        now.set(now.get().plusSeconds(30));
        assertThat(store.get(key(url), signature(url))).isEmpty();
    }

    @Test
    void responseUpload_needsItsUploadUrl_andIsTakenOnce() {
        String url = store.responseUploadUrl("req2");

        assertThat(store.put(key(url), "0".repeat(32), new byte[] {9})).isFalse();
        assertThat(store.put(key(url), signature(url), new byte[] {7, 8})).isTrue();
        assertThat(store.takeResponseBody("req2", 10)).hasValueSatisfying(b -> assertThat(b).containsExactly(7, 8));
        assertThat(store.takeResponseBody("req2", 10)).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void responseOverTheLimit_isRefused_andDeletedAllTheSame() {
        String url = store.responseUploadUrl("req3");
        store.put(key(url), signature(url), new byte[11]);

        assertThatThrownBy(() -> store.takeResponseBody("req3", 10)).isInstanceOf(BodyTooLargeException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void abandonedObjects_goWhenTheirUrlsExpire() {
        store.putRequestBody("old", new byte[100]);
        now.set(now.get().plusSeconds(31));

        store.putRequestBody("new", new byte[1]);

        assertThat(store.size()).isEqualTo(1);
    }
}
