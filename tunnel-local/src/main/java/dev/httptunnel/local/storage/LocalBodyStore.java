package dev.httptunnel.local.storage;

import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body bucket of a deployed stack (S3 with presigned URLs), kept in memory and served by the
 * gateway's {@link BodyBucketHandler}: {@code requests/{id}} for the agent to GET, {@code responses/{id}}
 * for it to PUT. Like a presigned S3 URL, each one carries its expiry and a signature over its key and
 * expiry (an HMAC under a key drawn when the store is made), so nothing is kept per URL and no other
 * object or later expiry verifies; URLs stop working after {@code urlLifetime}. Objects are deleted when
 * used, or once they expire. It counts the requests S3 would bill in {@link #requests()}.
 */
public final class LocalBodyStore implements BodyStore {

    /** One object, kept until its URL expires. */
    record StoredObject(byte[] bytes, Instant expiresAt) {
    }

    static final String REQUESTS = "requests/";
    static final String RESPONSES = "responses/";
    static final String EXPIRES_PARAMETER = "X-Tunnel-Expires";
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    /** Expired objects are looked for at most this often, not on every call of a busy gateway. */
    private static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final SecretKeySpec signingKey;
    private final AtomicLong nextPurgeMillis = new AtomicLong();
    private final BodyBucketRequests requests = new BodyBucketRequests();
    private final String baseUrl;
    private final Duration urlLifetime;
    private final Clock clock;

    /** @param baseUrl where {@link BodyBucketHandler} is mounted, e.g. {@code http://127.0.0.1:8081/bodies} */
    public LocalBodyStore(String baseUrl, Duration urlLifetime, Clock clock) {
        this.baseUrl = baseUrl;
        this.urlLifetime = urlLifetime;
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.signingKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String putRequestBody(String requestId, byte[] body) {
        purgeExpired();
        requests.put();
        String key = REQUESTS + requestId;
        Instant expiresAt = expiry();
        objects.put(key, new StoredObject(body.clone(), expiresAt));
        return url(key, expiresAt);
    }

    @Override
    public String responseUploadUrl(String requestId) {
        return url(RESPONSES + requestId, expiry());
    }

    @Override
    public Optional<byte[]> takeResponseBody(String requestId, int maxBytes) {
        String key = RESPONSES + requestId;
        requests.get();
        requests.delete();
        StoredObject object = objects.remove(key);
        if (object == null) {
            return Optional.empty();
        }
        if (object.bytes().length > maxBytes) {
            throw new BodyTooLargeException(object.bytes().length, maxBytes);
        }
        return Optional.of(object.bytes());
    }

    @Override
    public void discardRequestBody(String requestId) {
        requests.delete();
        objects.remove(REQUESTS + requestId);
    }

    /**
     * The object at {@code key} if the URL's {@code expires} and {@code signature} are this store's for
     * that key and the URL has not expired.
     */
    Optional<byte[]> get(String key, String expires, String signature) {
        requests.get();
        if (!valid(key, expires, signature)) {
            return Optional.empty();
        }
        StoredObject object = objects.get(key);
        if (object == null) {
            return Optional.empty();
        }
        requests.downloaded(object.bytes().length);
        return Optional.of(object.bytes());
    }

    /** Stores an upload; false when the URL was not made by this store for {@code key} or has expired. */
    boolean put(String key, String expires, String signature, byte[] bytes) {
        requests.put();
        if (!key.startsWith(RESPONSES) || !valid(key, expires, signature)) {
            return false;
        }
        purgeExpired();
        objects.put(key, new StoredObject(bytes, Instant.ofEpochSecond(Long.parseLong(expires))));
        return true;
    }

    /** Objects held now, uploads included; tests use it to show nothing is left behind. */
    public int size() {
        return objects.size();
    }

    /** The bucket's billable requests so far. */
    public BodyBucketRequests requests() {
        return requests;
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        long due = nextPurgeMillis.get();
        if (now.toEpochMilli() < due
                || !nextPurgeMillis.compareAndSet(due, now.plus(PURGE_INTERVAL).toEpochMilli())) {
            return;
        }
        objects.values().removeIf(o -> !now.isBefore(o.expiresAt()));
    }

    /** In whole seconds, as the URL carries it, rounded up: never earlier than the lifetime promises. */
    private Instant expiry() {
        Instant exact = clock.instant().plus(urlLifetime);
        return Instant.ofEpochSecond(exact.getEpochSecond() + (exact.getNano() > 0 ? 1 : 0));
    }

    private String url(String key, Instant expiresAt) {
        String expires = Long.toString(expiresAt.getEpochSecond());
        return baseUrl + "/" + key + "?" + EXPIRES_PARAMETER + "=" + expires + "&" + SIGNATURE_PARAMETER + "="
                + sign(key, expires);
    }

    private boolean valid(String key, String expires, String signature) {
        if (expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return false;
        }
        byte[] expected = sign(key, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
                && clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(expires)));
    }

    private String sign(String key, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            return HexFormat.of().formatHex(mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
