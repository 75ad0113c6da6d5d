package dev.httptunnel.local.storage;

import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body bucket of a deployed stack (S3 with presigned URLs), kept in memory and served by the
 * gateway's {@link BodyBucketHandler}: {@code requests/{id}} for the agent to GET, {@code responses/{id}}
 * for it to PUT. Each URL carries a random signature that only its own object accepts, and stops working
 * after {@code urlLifetime}; objects are deleted when used, or when they expire.
 *
 * <p>It counts the requests S3 would bill, as {@code S3BodyStore} and the agent make them: a PUT for each
 * stored request body and each uploaded response body, a GET for each download through a URL and each
 * response body taken, a DELETE for each body taken or discarded. Presigning is local and free.
 */
public final class LocalBodyStore implements BodyStore {

    /** One object and what a URL for it must show. */
    record StoredObject(byte[] bytes, String signature, Instant expiresAt) {
    }

    static final String REQUESTS = "requests/";
    static final String RESPONSES = "responses/";

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    /** Upload slots: the signature a PUT to {@code responses/{id}} must carry, until it expires. */
    private final Map<String, StoredObject> uploadSlots = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong downloadedBytes = new AtomicLong();
    private final String baseUrl;
    private final Duration urlLifetime;
    private final Clock clock;

    /** @param baseUrl where {@link BodyBucketHandler} is mounted, e.g. {@code http://127.0.0.1:8081/bodies} */
    public LocalBodyStore(String baseUrl, Duration urlLifetime, Clock clock) {
        this.baseUrl = baseUrl;
        this.urlLifetime = urlLifetime;
        this.clock = clock;
    }

    @Override
    public String putRequestBody(String requestId, byte[] body) {
        purgeExpired();
        puts.incrementAndGet();
        String key = REQUESTS + requestId;
        String signature = signature();
        objects.put(key, new StoredObject(body.clone(), signature, clock.instant().plus(urlLifetime)));
        return url(key, signature);
    }

    @Override
    public String responseUploadUrl(String requestId) {
        purgeExpired();
        String key = RESPONSES + requestId;
        String signature = signature();
        uploadSlots.put(key, new StoredObject(new byte[0], signature, clock.instant().plus(urlLifetime)));
        return url(key, signature);
    }

    @Override
    public Optional<byte[]> takeResponseBody(String requestId, int maxBytes) {
        String key = RESPONSES + requestId;
        gets.incrementAndGet();
        deletes.incrementAndGet();
        uploadSlots.remove(key);
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
        deletes.incrementAndGet();
        objects.remove(REQUESTS + requestId);
    }

    /** The object at {@code key} if {@code signature} is its URL's and the URL has not expired. */
    Optional<byte[]> get(String key, String signature) {
        gets.incrementAndGet();
        StoredObject object = objects.get(key);
        if (object != null && object.signature().equals(signature) && clock.instant().isBefore(object.expiresAt())) {
            downloadedBytes.addAndGet(object.bytes().length);
            return Optional.of(object.bytes());
        }
        return Optional.empty();
    }

    /** Stores an upload; false when no live upload URL with this signature exists for {@code key}. */
    boolean put(String key, String signature, byte[] bytes) {
        puts.incrementAndGet();
        StoredObject slot = uploadSlots.get(key);
        if (slot == null || !slot.signature().equals(signature) || !clock.instant().isBefore(slot.expiresAt())) {
            return false;
        }
        objects.put(key, new StoredObject(bytes, signature, slot.expiresAt()));
        return true;
    }

    /** Objects held now, uploads included; tests use it to show nothing is left behind. */
    public int size() {
        return objects.size();
    }

    /** PUT requests so far: request bodies stored by the forwarding function, response bodies uploaded. */
    public long puts() {
        return puts.get();
    }

    /** GET requests so far: request bodies downloaded through URLs, response bodies taken. */
    public long gets() {
        return gets.get();
    }

    /** Bytes downloaded through URLs so far (by agents: on AWS, data transfer out of the region). */
    public long downloadedBytes() {
        return downloadedBytes.get();
    }

    /** DELETE requests so far: bodies taken or discarded (expiry, S3's lifecycle rule, is not counted). */
    public long deletes() {
        return deletes.get();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        objects.values().removeIf(o -> !now.isBefore(o.expiresAt()));
        uploadSlots.values().removeIf(o -> !now.isBefore(o.expiresAt()));
    }

    private String url(String key, String signature) {
        return baseUrl + "/" + key + "?X-Amz-Signature=" + signature;
    }

    private String signature() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
