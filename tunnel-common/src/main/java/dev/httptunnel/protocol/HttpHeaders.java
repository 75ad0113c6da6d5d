package dev.httptunnel.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered multi-map of headers: repeated names (several {@code Set-Cookie}) survive in their order.
 * On the wire it is a JSON array of {@code [name, value]} pairs.
 */
public record HttpHeaders(List<HttpHeader> entries) {

    public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    public HttpHeaders {
        entries = List.copyOf(Objects.requireNonNull(entries, "header entries"));
    }

    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs: " + namesAndValues.length);
        }
        List<HttpHeader> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new HttpHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(list);
    }

    @JsonCreator
    static HttpHeaders fromPairs(List<List<String>> pairs) {
        if (pairs == null) {
            return EMPTY;
        }
        List<HttpHeader> list = new ArrayList<>(pairs.size());
        for (List<String> pair : pairs) {
            if (pair == null || pair.size() != 2) {
                throw new IllegalArgumentException("a header must be a [name, value] pair: " + pair);
            }
            list.add(new HttpHeader(pair.get(0), pair.get(1)));
        }
        return new HttpHeaders(list);
    }

    @JsonValue
    List<List<String>> toPairs() {
        return entries.stream().map(h -> List.of(h.name(), h.value())).toList();
    }

    /** Every value of the header named {@code name} (case-insensitive), in order. */
    public List<String> all(String name) {
        return entries.stream().filter(h -> h.hasName(name)).map(HttpHeader::value).toList();
    }

    public Optional<String> first(String name) {
        return entries.stream().filter(h -> h.hasName(name)).map(HttpHeader::value).findFirst();
    }

    public HttpHeaders with(String name, String value) {
        List<HttpHeader> list = new ArrayList<>(entries);
        list.add(new HttpHeader(name, value));
        return new HttpHeaders(list);
    }

    public HttpHeaders without(String name) {
        return new HttpHeaders(entries.stream().filter(h -> !h.hasName(name)).toList());
    }

    public int size() {
        return entries.size();
    }
}
