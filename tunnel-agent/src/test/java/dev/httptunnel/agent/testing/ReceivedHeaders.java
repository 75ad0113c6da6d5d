package dev.httptunnel.agent.testing;

import java.util.List;
import java.util.Map;

/** Header lookup on what a JDK HttpServer received: names compared without case, values in order. */
final class ReceivedHeaders {

    private ReceivedHeaders() {
    }

    static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }
}
