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
public record HeaderList(List<HeaderField> entries) {

    public static final HeaderList EMPTY = new HeaderList(List.of());

    public HeaderList {
        entries = List.copyOf(Objects.requireNonNull(entries, "header entries"));
    }

    public static HeaderList of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs: " + namesAndValues.length);
        }
        List<HeaderField> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new HeaderField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HeaderList(list);
    }

    @JsonCreator
    static HeaderList fromPairs(List<List<String>> pairs) {
        if (pairs == null) {
            return EMPTY;
        }
        List<HeaderField> list = new ArrayList<>(pairs.size());
        for (List<String> pair : pairs) {
            if (pair == null || pair.size() != 2) {
                throw new IllegalArgumentException("a header must be a [name, value] pair: " + pair);
            }
            list.add(new HeaderField(pair.get(0), pair.get(1)));
        }
        return new HeaderList(list);
    }

    @JsonValue
    List<List<String>> toPairs() {
        return entries.stream().map(h -> List.of(h.name(), h.value())).toList();
    }

    /** Every value of the header named {@code name} (case-insensitive), in order. */
    public List<String> all(String name) {
        return entries.stream().filter(h -> h.hasName(name)).map(HeaderField::value).toList();
    }

    public Optional<String> first(String name) {
        return entries.stream().filter(h -> h.hasName(name)).map(HeaderField::value).findFirst();
    }

    public HeaderList with(String name, String value) {
        List<HeaderField> list = new ArrayList<>(entries);
        list.add(new HeaderField(name, value));
        return new HeaderList(list);
    }

    public HeaderList without(String name) {
        return new HeaderList(entries.stream().filter(h -> !h.hasName(name)).toList());
    }

    /** The bytes these headers take on an HTTP/1.1 wire: {@code name: value} and CRLF each, UTF-8. */
    public long blockBytes() {
        long bytes = 0;
        for (HeaderField field : entries) {
            bytes += field.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + field.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 4;
        }
        return bytes;
    }

    public int size() {
        return entries.size();
    }
}
