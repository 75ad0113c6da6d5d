package dev.httptunnel.infra.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource as the program asked for it: its type token, its Pulumi name, its inputs in wire form
 * (numbers are {@code Double}, nested args are maps and lists), the id the mocks gave it, and the names of
 * the resources whose creation had finished when the program asked for this one.
 */
public record RecordedResource(String type, String name, Map<String, Object> inputs, String id,
                               Set<String> createdBefore) {

    /** The input at a dotted path such as {@code snapStart.applyOn}, if set. */
    public Optional<Object> input(String path) {
        Object value = inputs;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            value = map.get(key);
        }
        return Optional.ofNullable(value);
    }

    /** The input at {@code path} as text; fails naming the resource when it is absent. */
    public String string(String path) {
        return String.valueOf(required(path));
    }

    /** The numeric input at {@code path} (the wire form carries every number as a double). */
    public double number(String path) {
        return ((Number) required(path)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String path) {
        return (Map<String, Object>) required(path);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String path) {
        return (List<Object>) required(path);
    }

    private Object required(String path) {
        return input(path).orElseThrow(() -> new AssertionError(
                "input '" + path + "' is not set on " + type + " '" + name + "'; inputs: " + inputs.keySet()));
    }
}
