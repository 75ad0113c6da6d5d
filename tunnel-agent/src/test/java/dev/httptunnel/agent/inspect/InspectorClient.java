package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Talks to an inspector over a raw socket, so a test chooses every header itself (a foreign {@code Host}
 * included, which the JDK client would not send) and reads the answer as sent.
 */
final class InspectorClient {

    /** One answer: status, head (status line and headers) and body. */
    record Answer(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_PAUSE_NANOS = 20_000_000;

    private final URI base;

    InspectorClient(URI base) {
        this.base = base;
    }

    String ownHost() {
        return base.getHost() + ":" + base.getPort();
    }

    Answer get(String target) throws IOException {
        return send("GET", target, null, null, "Host: " + ownHost());
    }

    JsonNode getJson(String target) throws IOException {
        Answer answer = get(target);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + target + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }

    Answer postJson(String target, String json) throws IOException {
        return send("POST", target, "application/json", json.getBytes(StandardCharsets.UTF_8), "Host: " + ownHost());
    }

    Answer delete(String target) throws IOException {
        return send("DELETE", target, null, null, "Host: " + ownHost());
    }

    /** Sends one request on its own connection ({@code Connection: close}) with exactly these headers. */
    Answer send(String method, String target, String contentType, byte[] body, String... headers) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.split(" ")[1]);
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
        return new Answer(status, head, chunked ? unchunk(rest) : rest);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("malformed chunked body");
    }

    /** The request list once {@code condition} holds for it, polled until {@code timeout}. */
    JsonNode awaitList(Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode list = getJson("/api/requests/http");
        while (!condition.test(list.get("requests"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the inspector's list never got there: " + list);
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS); // between polls, so they do not crowd out the writer
            list = getJson("/api/requests/http");
        }
        return list.get("requests");
    }
}
