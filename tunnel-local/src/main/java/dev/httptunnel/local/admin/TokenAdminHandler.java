package dev.httptunnel.local.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httptunnel.admin.GatewayAdminApi;
import dev.httptunnel.admin.TokenCommands;
import dev.httptunnel.lambda.service.TokenAdmin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@value GatewayAdminApi#PATH}: runs {@code tunnel-admin}'s token commands on this gateway's own storage,
 * so the owner manages local tokens with the same command as a deployed stack's. Only callers on this
 * machine that hold the key the gateway wrote at start get in: the commands create and revoke secrets.
 */
public final class TokenAdminHandler extends Handler.Abstract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenAdmin admin;
    private final byte[] key;

    public TokenAdminHandler(TokenAdmin admin, String key) {
        this.admin = admin;
        this.key = ("Bearer " + key).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (!GatewayAdminApi.PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!fromThisMachine(request.getConnectionMetaData().getRemoteSocketAddress())) {
            Response.writeError(request, response, callback, 403, "token administration is local only");
            return true;
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null
                || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.US_ASCII), key)) {
            Response.writeError(request, response, callback, 401, "not this gateway's admin key");
            return true;
        }
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405, "POST a token command");
            return true;
        }
        GatewayAdminApi.Request command;
        try (InputStream body = Content.Source.asInputStream(request)) {
            byte[] bytes = body.readNBytes(GatewayAdminApi.MAX_REQUEST_BYTES + 1);
            if (bytes.length > GatewayAdminApi.MAX_REQUEST_BYTES) {
                Response.writeError(request, response, callback, 413, "a token command is at most "
                        + GatewayAdminApi.MAX_REQUEST_BYTES + " bytes");
                return true;
            }
            command = JSON.readValue(bytes, GatewayAdminApi.Request.class);
        } catch (IOException | RuntimeException e) {
            Response.writeError(request, response, callback, 400, "not a token command: {\"args\": [...]}");
            return true;
        }
        var out = new StringWriter();
        var err = new StringWriter();
        int status = TokenCommands.execute(() -> admin, command.args(), new PrintWriter(out), new PrintWriter(err));
        byte[] reply = JSON.writeValueAsBytes(new GatewayAdminApi.Reply(status, out.toString(), err.toString()));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(reply), callback);
        return true;
    }

    private static boolean fromThisMachine(SocketAddress remote) {
        return remote instanceof InetSocketAddress address && address.getAddress() != null
                && address.getAddress().isLoopbackAddress();
    }
}
