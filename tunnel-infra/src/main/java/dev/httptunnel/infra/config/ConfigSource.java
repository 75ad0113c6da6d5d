package dev.httptunnel.infra.config;

import java.util.Optional;

/**
 * Where stack settings come from: Pulumi's own config during {@code pulumi up}, or a parsed
 * {@code Pulumi.<stack>.yaml} for the offline plan and the tests. One parser serves both, so the plan
 * shows exactly what the real run would read.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The raw value of {@code namespace:key}, e.g. {@code http-tunnel:domainName} or {@code aws:region}. */
    Optional<String> get(String namespace, String key);
}
