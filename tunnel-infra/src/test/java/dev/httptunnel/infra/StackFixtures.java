package dev.httptunnel.infra;

import dev.httptunnel.infra.config.ConfigSource;
import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.StackConfigFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The committed stack configurations, optionally overridden, and the stack run under mocks for them.
 * Runs are cached: a run takes a second or two and the tests only read its result.
 */
final class StackFixtures {

    /** Surefire runs in tunnel-infra/, where the Pulumi.<stack>.yaml files are. */
    static final Path PROJECT = Path.of("").toAbsolutePath();

    /** The jars need not exist under mocks. */
    static final Path JARS = Path.of("/nonexistent/tunnel-lambdas/target/lambda");

    private static final Map<String, MockedStack.Result> RUNS = new HashMap<>();

    private StackFixtures() {
    }

    /** The committed {@code Pulumi.<stack>.yaml}; an override of "" removes a key. */
    static ConfigSource config(String stack, Map<String, String> overrides) {
        ConfigSource file = StackConfigFile.read(StackConfigFile.of(PROJECT, stack));
        return (namespace, key) -> {
            String full = namespace + ":" + key;
            return overrides.containsKey(full) ? Optional.of(overrides.get(full)) : file.get(namespace, key);
        };
    }

    static StackSettings settings(String stack, Map<String, String> overrides) {
        return StackSettings.from(config(stack, overrides), JARS);
    }

    static StackSettings settings(String stack) {
        return settings(stack, Map.of());
    }

    static synchronized MockedStack.Result run(String stack, Map<String, String> overrides) {
        return RUNS.computeIfAbsent(stack + new java.util.TreeMap<>(overrides), key -> {
            var result = MockedStack.run(settings(stack, overrides), stack);
            if (result.exitCode() != 0) {
                throw new AssertionError("the program failed under mocks: " + result.errors());
            }
            return result;
        });
    }

    static MockedStack.Result run(String stack) {
        return run(stack, Map.of());
    }
}
