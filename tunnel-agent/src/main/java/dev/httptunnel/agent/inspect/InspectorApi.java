package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.WireText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the JSON API does, apart from HTTP: list and search captures, show one, replay one, clear them,
 * export them as HAR, describe the tunnel. Each method returns the answer's JSON or throws
 * {@link ApiException} with the status and a sentence.
 */
final class InspectorApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    /** A refused API call: its HTTP status and what was wrong. */
    static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final CaptureStore store;
    private final CaptureJson views;
    private final HarExport har;
    private final Replayer replayer;
    private final Supplier<Optional<ConnectionEstablished>> tunnel;
    private final String localAddress;
    private final long replayTimeoutMillis;
    private final ObjectMapper json;
    private final Runnable cleared;
    private LongSupplier dropped = () -> 0;

    InspectorApi(CaptureStore store, ObjectMapper json, HarExport har, Replayer replayer,
                 Supplier<Optional<ConnectionEstablished>> tunnel, String localAddress, long replayTimeoutMillis,
                 Runnable cleared) {
        this.store = store;
        this.cleared = cleared;
        this.json = json;
        this.views = new CaptureJson(json);
        this.har = har;
        this.replayer = replayer;
        this.tunnel = tunnel;
        this.localAddress = localAddress;
        this.replayTimeoutMillis = replayTimeoutMillis;
    }

    /** Newest first, at most {@code limit}; {@code search} matched against headers and bodies when given. */
    ObjectNode list(String limit, String search) {
        int max = limit == null ? DEFAULT_LIMIT : parseLimit(limit);
        CaptureSearch matcher = CaptureSearch.of(search);
        ObjectNode answer = json.createObjectNode();
        answer.put("uri", CaptureJson.REQUESTS_URI);
        ArrayNode requests = answer.putArray("requests");
        for (Capture capture : store.newestFirst()) {
            if (requests.size() >= max) {
                break;
            }
            if (matcher.matches(capture)) {
                requests.add(views.summary(capture));
            }
        }
        return answer;
    }

    ObjectNode one(String id) {
        return views.detail(find(id));
    }

    Capture find(String id) {
        return store.get(id).orElseThrow(() -> new ApiException(404, "no captured request with id '"
                + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "' (it may have been dropped past the caps)"));
    }

    /** Replays {@code call.id} with the call's edits and answers with the replay's capture. */
    ObjectNode replay(JsonNode call) throws InterruptedException {
        JsonNode id = call.get("id");
        if (id == null || !id.isTextual()) {
            throw new ApiException(400, "a replay names the request to send again: {\"id\": \"...\"}");
        }
        Capture original = find(id.asText());
        CompletableFuture<Capture> replayed;
        try {
            replayed = replayer.replay(original, ReplayEdits.from(call));
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(400, "cannot replay " + original.id() + ": " + invalid.getMessage());
        }
        try {
            return views.detail(replayed.get(replayTimeoutMillis, TimeUnit.MILLISECONDS));
        } catch (ExecutionException failed) {
            throw new ApiException(503, "the replay was not captured: " + failed.getCause().getMessage());
        } catch (TimeoutException late) {
            throw new ApiException(504, "the replay was not answered within " + replayTimeoutMillis + " ms");
        }
    }

    /** Where {@code /api/tunnels} reads how many captures the writer dropped for being behind. */
    void droppedFrom(LongSupplier count) {
        this.dropped = count;
    }

    void clear() {
        store.clear();
        cleared.run();
    }

    /** The captures named in {@code ids} (comma-separated), or all of them, oldest first. */
    ObjectNode har(String ids) {
        List<Capture> chosen = new ArrayList<>(store.newestFirst());
        Collections.reverse(chosen);
        if (ids != null && !ids.isBlank()) {
            Set<String> wanted = new HashSet<>(Arrays.asList(ids.split(",")));
            chosen.removeIf(capture -> !wanted.contains(capture.id()));
            if (chosen.size() < wanted.size()) {
                // An export silently short of what was asked for would pass for the whole selection.
                wanted.removeAll(chosen.stream().map(Capture::id).toList());
                throw new ApiException(404, "no request is kept with the id " + WireText.quote(
                        String.join(",", wanted.stream().sorted().toList())) + " (it may have aged out)");
            }
        }
        return har.of(chosen);
    }

    /** The tunnel this agent serves, with the request count and latency percentiles of what is kept. */
    ObjectNode tunnels() {
        ObjectNode answer = json.createObjectNode();
        answer.put("uri", "/api/tunnels");
        answer.put("captures_dropped", dropped.getAsLong());
        ArrayNode tunnels = answer.putArray("tunnels");
        Optional<ConnectionEstablished> current = tunnel.get();
        List<Capture> kept = store.newestFirst();
        String name = current.map(ConnectionEstablished::tunnelId)
                .orElse(kept.isEmpty() ? "" : kept.get(0).tunnel());
        if (name.isEmpty()) {
            return answer;
        }
        ObjectNode entry = tunnels.addObject();
        entry.put("name", name);
        entry.put("online", current.isPresent());
        List<String> urls = current.map(ConnectionEstablished::publicUrls).orElse(List.of());
        entry.put("public_url", urls.isEmpty() ? "" : urls.get(0));
        ArrayNode all = entry.putArray("public_urls");
        urls.forEach(all::add);
        entry.put("proto", urls.isEmpty() ? "" : urls.get(0).toLowerCase(Locale.ROOT).startsWith("https") ? "https"
                : "http");
        entry.putObject("config").put("addr", localAddress);
        long[] durations = kept.stream()
                .filter(capture -> capture.tunnel().equals(name) && capture.replayOf() == null)
                .filter(capture -> capture.timings() != null && capture.timings().doneMicros() >= 0)
                .mapToLong(capture -> capture.timings().doneMicros()).sorted().toArray();
        ObjectNode http = entry.putObject("metrics").putObject("http");
        http.put("count", durations.length);
        for (int percent : new int[] {50, 90, 95, 99}) {
            http.put("p" + percent + "_ms", durations.length == 0 ? 0
                    : durations[Math.max(0, (int) Math.ceil(percent / 100.0 * durations.length) - 1)] / 1000.0);
        }
        return answer;
    }

    private static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
