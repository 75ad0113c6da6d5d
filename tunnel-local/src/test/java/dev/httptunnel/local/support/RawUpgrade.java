package dev.httptunnel.local.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket upgrade written byte by byte, so a test can send what no WebSocket client would: header values
 * with raw non-ASCII bytes, smuggled CR/LF, or thousands of characters.
 */
public final class RawUpgrade {

    private RawUpgrade() {
    }

    /**
     * The status of the answer to an upgrade of {@code path} on {@code port} carrying {@code extraHeaderLines}
     * as they are (ISO-8859-1 bytes, so every char below 256 is one byte on the wire).
     */
    public static int status(int port, String path, String extraHeaderLines, Duration timeout) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + extraHeaderLines
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("not an HTTP answer to the upgrade: " + statusLine);
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
