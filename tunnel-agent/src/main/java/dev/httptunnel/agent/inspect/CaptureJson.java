package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httptunnel.protocol.HeaderField;
import java.util.Base64;
import java.util.List;

/**
 * Captures as the API shows them, shaped like ngrok's agent API where that fits ({@code id}, {@code uri},
 * {@code tunnel_name}, {@code start}, {@code duration} in nanoseconds, {@code request.method},
 * {@code request.uri}, {@code response.status_code}); headers are {@code [name, value]} pairs in order,
 * repeats kept, where ngrok's map would lose the order. A summary leaves the body bytes out.
 */
final class CaptureJson {

    static final String REQUESTS_URI = "/api/requests/http";

    private final ObjectMapper json;

    CaptureJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode summary(Capture capture) {
        return view(capture, false);
    }

    ObjectNode detail(Capture capture) {
        return view(capture, true);
    }

    private ObjectNode view(Capture capture, boolean withBodies) {
        ObjectNode node = json.createObjectNode();
        node.put("id", capture.id());
        node.put("uri", REQUESTS_URI + "/" + capture.id());
        node.put("tunnel_name", capture.tunnel());
        node.put("start", capture.receivedAt());
        long doneMicros = capture.timings() == null ? -1 : capture.timings().doneMicros();
        node.put("duration", doneMicros < 0 ? 0 : doneMicros * 1000);
        node.put("replay_of", capture.replayOf());
        ObjectNode request = node.putObject("request");
        request.put("method", capture.method());
        request.put("uri", capture.target());
        request.put("path", capture.path());
        request.put("query", capture.query());
        headers(request.putArray("headers"), capture.requestHeaders());
        body(request.putObject("body"), capture.requestBody(), withBodies);
        if (capture.error() == null) {
            ObjectNode response = node.putObject("response");
            response.put("status_code", capture.status());
            headers(response.putArray("headers"), capture.responseHeaders());
            body(response.putObject("body"), capture.responseBody(), withBodies);
            node.putNull("error");
        } else {
            node.putNull("response");
            ObjectNode error = node.putObject("error");
            error.put("code", capture.error());
            error.put("message", capture.errorMessage());
        }
        if (capture.timings() != null) {
            ObjectNode timings = node.putObject("timings");
            timings.put("sent_to_app_us", capture.timings().sentToAppMicros());
            timings.put("first_byte_us", capture.timings().firstByteMicros());
            timings.put("done_us", capture.timings().doneMicros());
        }
        return node;
    }

    private static void headers(ArrayNode array, List<HeaderField> headers) {
        for (HeaderField header : headers) {
            array.addArray().add(header.name()).add(header.value());
        }
    }

    private static void body(ObjectNode node, CapturedBody body, boolean withBytes) {
        node.put("size", body.size());
        node.put("captured", body.bytes().length);
        node.put("truncated", body.truncated());
        if (withBytes) {
            node.put("base64", Base64.getEncoder().encodeToString(body.bytes()));
        }
    }
}
