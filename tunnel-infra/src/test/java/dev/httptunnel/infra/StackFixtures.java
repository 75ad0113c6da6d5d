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

    /** A certificate ARN of the shape ACM issues, in an account that is no documentation example. */
    static final String PROD_CERTIFICATE_ARN =
            "arn:aws:acm:us-east-1:210987654321:certificate/4f1c9a2e-7b3d-4e8a-9c51-2d6f0b8e3a17";

    /**
     * What an owner sets with {@code pulumi config set} before a stack's first deploy: the committed prod file
     * has no certificate, since a placeholder there was deployable and failed halfway.
     */
    private static final Map<String, Map<String, String>> OWNER_SETTINGS =
            Map.of("prod", Map.of("http-tunnel:certificateArn", PROD_CERTIFICATE_ARN));

    /** The committed {@code Pulumi.<stack>.yaml} alone, as a fresh clone has it. */
    static ConfigSource committedConfig(String stack) {
        return StackConfigFile.read(StackConfigFile.of(PROJECT, stack));
    }

    /** The committed file with the owner's settings; an override of "" removes a key. */
    static ConfigSource config(String stack, Map<String, String> overrides) {
        ConfigSource file = committedConfig(stack);
        var settings = new HashMap<>(OWNER_SETTINGS.getOrDefault(stack, Map.of()));
        settings.putAll(overrides);
        return (namespace, key) -> {
            String full = namespace + ":" + key;
            return settings.containsKey(full) ? Optional.of(settings.get(full)) : file.get(namespace, key);
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
