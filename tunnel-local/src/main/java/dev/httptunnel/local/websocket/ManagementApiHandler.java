package dev.httptunnel.local.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.http.GatewayError;
import dev.httptunnel.local.http.GatewayIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The Management API, {@code /{stage}/@connections/{connectionId}}, in the wire form the AWS SDK's
 * {@code ApiGatewayManagementApiClient} speaks: POST sends the body to the connection as one message,
 * GET describes the connection, DELETE closes it; an unknown or closed connection is
 * {@code 410 GoneException}, a body over the message quota {@code 413 PayloadTooLargeException}.
 *
 * <p>On AWS only a caller with IAM permission reaches it. Here, when guarded, a request must carry the
 * key this gateway drew at start and gave only to its own Management API client
 * ({@value #KEY_HEADER}); anyone else who learns a connection id could otherwise read the connection,
 * inject a request into the agent or close it.
 */
public final class ManagementApiHandler extends Handler.Abstract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenConnections connections;
    private final GatewaySettings settings;
    private final String prefix;
    private final byte[] key;

    /** The request header that carries the gateway's key. */
    public static final String KEY_HEADER = "x-local-gateway-key";

    public ManagementApiHandler(OpenConnections connections, GatewaySettings settings, String key) {
        this.connections = connections;
        this.settings = settings;
        this.key = key.getBytes(StandardCharsets.US_ASCII);
        this.prefix = "/" + settings.stage() + "/@connections/";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String requestId = GatewayIds.next();
        String path = Request.getPathInContext(request);
        if (!path.startsWith(prefix) || path.length() == prefix.length()
                || path.indexOf('/', prefix.length()) >= 0) {
            GatewayError.NOT_FOUND.write(response, requestId, callback);
            return true;
        }
        // The SDK always signs; an unsigned call is refused as API Gateway refuses it.
        if (request.getHeaders().get(HttpHeader.AUTHORIZATION) == null) {
            GatewayError.MISSING_AUTHENTICATION_TOKEN.write(response, requestId, callback);
            return true;
        }
        if (settings.guardManagementApi() && !carriesKey(request)) {
            GatewayError.FORBIDDEN.write(response, requestId, callback);
            return true;
        }
        String connectionId = path.substring(prefix.length());
        switch (request.getMethod()) {
            case "POST" -> post(connectionId, request, response, requestId, callback);
            case "GET" -> get(connectionId, response, requestId, callback);
            case "DELETE" -> delete(connectionId, response, requestId, callback);
            default -> GatewayError.NOT_FOUND.write(response, requestId, callback);
        }
        return true;
    }

    private boolean carriesKey(Request request) {
        String presented = request.getHeaders().get(KEY_HEADER);
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), key);
    }

    private void post(String connectionId, Request request, Response response, String requestId, Callback callback)
            throws IOException {
        // Reading exactly the announced length allocates the body once instead of in 8 KB steps.
        long length = request.getLength();
        int readAtMost = length >= 0 && length <= settings.maxMessageBytes()
                ? (int) length : settings.maxMessageBytes() + 1;
        byte[] data;
        try (InputStream in = Content.Source.asInputStream(request)) {
            data = in.readNBytes(readAtMost);
        }
        if (data.length > settings.maxMessageBytes()) {
            GatewayError.PAYLOAD_TOO_LARGE.write(response, requestId, callback);
            return;
        }
        Optional<AgentSocket> socket = connections.find(connectionId);
        if (socket.isEmpty() || !socket.get().send(new String(data, StandardCharsets.UTF_8),
                settings.maxFrameBytes(), settings.webSocketIntegrationTimeout())) {
            GatewayError.GONE.write(response, requestId, callback);
            return;
        }
        ok(response, requestId, 200, null, callback);
    }

    private void get(String connectionId, Response response, String requestId, Callback callback) {
        Optional<AgentSocket> socket = connections.find(connectionId);
        if (socket.isEmpty()) {
            GatewayError.GONE.write(response, requestId, callback);
            return;
        }
        WebSocketEvent.ConnectionInfo info = socket.get().info();
        ObjectNode body = JSON.createObjectNode();
        body.put("connectedAt", info.connectedAt().toString());
        ObjectNode identity = body.putObject("identity");
        identity.put("sourceIp", info.sourceIp());
        if (info.userAgent() != null) {
            identity.put("userAgent", info.userAgent());
        }
        body.put("lastActiveAt", socket.get().lastActiveAt().toString());
        ok(response, requestId, 200, body.toString(), callback);
    }

    private void delete(String connectionId, Response response, String requestId, Callback callback) {
        Optional<AgentSocket> socket = connections.find(connectionId);
        if (socket.isEmpty()) {
            GatewayError.GONE.write(response, requestId, callback);
            return;
        }
        socket.get().close(StatusCode.NORMAL, "Connection deleted");
        ok(response, requestId, 204, null, callback);
    }

    private static void ok(Response response, String requestId, int status, String json, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(GatewayError.REQUEST_ID_HEADER, requestId);
        if (json == null) {
            if (status != 204) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
            }
            callback.succeeded();
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
