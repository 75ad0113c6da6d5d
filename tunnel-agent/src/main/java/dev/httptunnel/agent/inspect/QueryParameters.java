package dev.httptunnel.agent.inspect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw query string as name/value pairs in order, percent-decoded; a malformed escape is kept as is. */
final class QueryParameters {

    private QueryParameters() {
    }

    static List<String[]> parse(String query) {
        List<String[]> pairs = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return pairs;
        }
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(new String[] {decode(name), decode(value)});
        }
        return pairs;
    }

    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return component;
        }
    }
}
