package dev.httptunnel.lambda.support;

import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A body store in memory whose URLs only its own {@link BodyUrlClient} can follow. */
public final class InMemoryBodyStore implements BodyStore, BodyUrlClient {

    private static final String BASE = "http://bodies.test/";

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public String putRequestBody(String requestId, byte[] body) {
        objects.put("requests/" + requestId, body.clone());
        return BASE + "requests/" + requestId;
    }

    @Override
    public String responseUploadUrl(String requestId) {
        return BASE + "responses/" + requestId;
    }

    @Override
    public Optional<byte[]> takeResponseBody(String requestId, int maxBytes) {
        byte[] body = objects.remove("responses/" + requestId);
        if (body != null && body.length > maxBytes) {
            throw new BodyTooLargeException(body.length, maxBytes);
        }
        return Optional.ofNullable(body);
    }

    @Override
    public void discardRequestBody(String requestId) {
        objects.remove("requests/" + requestId);
    }

    @Override
    public byte[] download(String url) {
        byte[] body = objects.get(key(url));
        if (body == null) {
            throw new IllegalStateException("nothing at " + url);
        }
        return body.clone();
    }

    @Override
    public void upload(String url, byte[] body) {
        objects.put(key(url), body.clone());
    }

    public int objectCount() {
        return objects.size();
    }

    private static String key(String url) {
        if (!url.startsWith(BASE)) {
            throw new IllegalArgumentException("not a URL of this store: " + url);
        }
        return url.substring(BASE.length());
    }
}
