package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httptunnel.protocol.HeaderField;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Captures as an HTTP Archive (HAR 1.2), which browsers' developer tools and many HTTP tools import. A
 * body that is not UTF-8 text goes in base64 ({@code content.encoding}); a request body can only be text in
 * HAR, so a binary one is left out and its size kept; a cut body is marked in {@code comment}.
 */
final class HarExport {

    private final ObjectMapper json;
    private final String version;

    HarExport(ObjectMapper json, String version) {
        this.json = json;
        this.version = version;
    }

    ObjectNode of(List<Capture> captures) {
        ObjectNode har = json.createObjectNode();
        ObjectNode log = har.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "http-tunnel inspector").put("version", version);
        ArrayNode entries = log.putArray("entries");
        for (Capture capture : captures) {
            entries.add(entry(capture));
        }
        return har;
    }

    private ObjectNode entry(Capture capture) {
        ObjectNode entry = json.createObjectNode();
        entry.put("startedDateTime", capture.receivedAt());
        Timings timings = capture.timings();
        double total = timings == null || timings.doneMicros() < 0 ? 0 : timings.doneMicros() / 1000.0;
        entry.put("time", total);
        entry.set("request", request(capture));
        entry.set("response", response(capture));
        entry.putObject("cache");
        ObjectNode harTimings = entry.putObject("timings");
        double send = timings == null || timings.sentToAppMicros() < 0 ? 0 : timings.sentToAppMicros() / 1000.0;
        double firstByte = timings == null || timings.firstByteMicros() < 0 ? send : timings.firstByteMicros() / 1000.0;
        harTimings.put("send", send);
        harTimings.put("wait", Math.max(0, firstByte - send));
        harTimings.put("receive", Math.max(0, total - firstByte));
        entry.put("_id", capture.id());
        if (capture.replayOf() != null) {
            entry.put("_replayOf", capture.replayOf());
        }
        return entry;
    }

    private ObjectNode request(Capture capture) {
        ObjectNode request = json.createObjectNode();
        request.put("method", capture.method());
        request.put("url", url(capture));
        request.put("httpVersion", "HTTP/1.1");
        request.putArray("cookies");
        headers(request.putArray("headers"), capture.requestHeaders());
        ArrayNode query = request.putArray("queryString");
        for (String[] pair : QueryParameters.parse(capture.query())) {
            query.addObject().put("name", pair[0]).put("value", pair[1]);
        }
        CapturedBody body = capture.requestBody();
        if (body.size() > 0) {
            ObjectNode postData = request.putObject("postData");
            postData.put("mimeType", header(capture.requestHeaders(), "Content-Type"));
            String text = utf8(body.bytes());
            postData.put("text", text == null ? "" : text);
            if (text == null || body.truncated()) {
                postData.put("comment", text == null ? "binary body of " + body.size() + " bytes, not shown"
                        : body.cutMark());
            }
        }
        request.put("headersSize", -1);
        request.put("bodySize", body.size());
        return request;
    }

    private ObjectNode response(Capture capture) {
        ObjectNode response = json.createObjectNode();
        response.put("status", capture.status());
        response.put("statusText", capture.error() == null ? "" : capture.error());
        response.put("httpVersion", "HTTP/1.1");
        response.putArray("cookies");
        headers(response.putArray("headers"), capture.responseHeaders());
        CapturedBody body = capture.responseBody();
        ObjectNode content = response.putObject("content");
        content.put("size", body.size());
        content.put("mimeType", header(capture.responseHeaders(), "Content-Type"));
        String text = utf8(body.bytes());
        if (text != null) {
            content.put("text", text);
        } else {
            content.put("text", Base64.getEncoder().encodeToString(body.bytes()));
            content.put("encoding", "base64");
        }
        if (body.truncated()) {
            content.put("comment", body.cutMark());
        }
        if (capture.error() != null) {
            response.put("comment", "tunnel error " + capture.error() + ": " + capture.errorMessage());
        }
        response.put("redirectURL", header(capture.responseHeaders(), "Location"));
        response.put("headersSize", -1);
        response.put("bodySize", body.size());
        return response;
    }

    /**
     * The public URL as the caller used it: the Host it sent, the scheme the gateway says it took, and the
     * path prefix the service removed before the agent saw the path ({@code /<tunnel>} in the path form).
     */
    static String url(Capture capture) {
        String host = header(capture.requestHeaders(), "Host");
        String scheme = header(capture.requestHeaders(), "X-Forwarded-Proto").toLowerCase(Locale.ROOT);
        scheme = scheme.equals("https") ? "https" : "http";
        String prefix = header(capture.requestHeaders(), "X-Forwarded-Prefix");
        return scheme + "://" + (host.isEmpty() ? "localhost" : host) + (prefix.startsWith("/") ? prefix : "")
                + capture.target();
    }

    private static void headers(ArrayNode array, List<HeaderField> headers) {
        for (HeaderField header : headers) {
            array.addObject().put("name", header.name()).put("value", header.value());
        }
    }

    private static String header(List<HeaderField> headers, String name) {
        return headers.stream().filter(h -> h.hasName(name)).map(HeaderField::value).findFirst().orElse("");
    }

    /** The bytes as text when they are valid UTF-8 (a cut may split a character at the end); else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
