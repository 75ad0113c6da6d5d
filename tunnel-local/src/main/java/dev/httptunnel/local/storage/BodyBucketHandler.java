package dev.httptunnel.local.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves {@link LocalBodyStore}'s presigned-style URLs under {@code /bodies/}: GET of a request body, PUT of
 * a response body. Like S3 for a role without {@code s3:ListBucket}, a wrong or expired signature and a
 * missing object are all 403 {@code AccessDenied}.
 */
public final class BodyBucketHandler extends Handler.Abstract {

    public static final String PATH = "/bodies";

    private final LocalBodyStore store;
    private final long maxObjectBytes;

    public BodyBucketHandler(LocalBodyStore store, long maxObjectBytes) {
        this.store = store;
        this.maxObjectBytes = maxObjectBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PATH + "/")) {
            return false;
        }
        String key = path.substring(PATH.length() + 1);
        Fields query = Request.extractQueryParameters(request);
        String expires = query.getValue(LocalBodyStore.EXPIRES_PARAMETER);
        String signature = query.getValue(LocalBodyStore.SIGNATURE_PARAMETER);
        if (request.getMethod().equals("GET") && key.startsWith(LocalBodyStore.REQUESTS)) {
            Optional<byte[]> body = store.get(key, expires, signature);
            if (body.isEmpty()) {
                s3Error(response, 403, "AccessDenied", callback);
                return true;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
            response.write(true, ByteBuffer.wrap(body.get()), callback);
            return true;
        }
        if (request.getMethod().equals("PUT") && key.startsWith(LocalBodyStore.RESPONSES)) {
            byte[] bytes;
            try (InputStream in = Content.Source.asInputStream(request)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxObjectBytes + 1));
            }
            if (bytes.length > maxObjectBytes) {
                s3Error(response, 400, "EntityTooLarge", callback);
            } else if (!store.put(key, expires, signature, bytes)) {
                s3Error(response, 403, "AccessDenied", callback);
            } else {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                callback.succeeded();
            }
            return true;
        }
        s3Error(response, 403, "AccessDenied", callback);
        return true;
    }

    private static void s3Error(Response response, int status, String code, Callback callback) {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + code + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
