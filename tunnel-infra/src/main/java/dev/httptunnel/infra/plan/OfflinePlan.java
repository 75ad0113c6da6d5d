package dev.httptunnel.infra.plan;

import dev.httptunnel.infra.config.ConfigSource;
import dev.httptunnel.infra.config.LambdaArtifacts;
import dev.httptunnel.infra.config.StackSettings;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code make plan}: what {@code pulumi up} would create for each stack, without the Pulumi CLI or
 * AWS credentials. Reads the committed {@code Pulumi.<stack>.yaml}, runs the program under mocks and
 * prints every resource with its inputs, then the outputs. ARNs and ids in the output are the mocks'
 * stand-ins for what AWS assigns.
 *
 * <p>Arguments: stack names (default {@code dev prod}).
 */
public final class OfflinePlan {

    private OfflinePlan() {
    }

    public static void main(String[] args) {
        List<String> stacks = args.length == 0 ? List.of("dev", "prod") : List.of(args);
        Path projectDirectory = projectDirectory();
        Path jars = LambdaArtifacts.locate();
        int failures = 0;
        for (String stack : stacks) {
            if (!plan(System.out, stack, StackConfigFile.read(StackConfigFile.of(projectDirectory, stack)), jars)) {
                failures++;
            }
        }
        if (!Files.isRegularFile(jars.resolve("connect.jar"))) {
            System.out.println("Note: the Lambda jars are not built yet (" + jars + "); run 'make build-lambda' before 'pulumi up'.");
        }
        if (failures > 0) {
            System.exit(1);
        }
    }

    /**
     * Prints one stack's plan, or why it is not planned: settings that {@code pulumi up} would refuse stop
     * here as they stop the program, before any resource is registered. False when the stack would not deploy.
     */
    static boolean plan(PrintStream out, String stack, ConfigSource config, Path jars) {
        StackSettings settings;
        try {
            settings = StackSettings.from(config, jars);
        } catch (IllegalArgumentException e) {
            out.printf("=== stack %s: not planned, pulumi up would stop before creating anything ===%n%s%n%n",
                    stack, e.getMessage());
            return false;
        }
        var result = MockedStack.run(settings, stack);
        print(out, stack, settings, result);
        return result.exitCode() == 0;
    }

    static void print(PrintStream out, String stack, StackSettings settings, MockedStack.Result result) {
        out.printf("=== stack %s: %d resources in %s ===%n", stack, result.resources().size(), settings.region());
        out.println("Tags on every taggable resource: " + new TreeMap<>(settings.tags()));
        String group = null;
        for (RecordedResource resource : result.resources()) {
            String components = String.join(" / ", result.componentsOf(resource));
            if (!components.equals(group)) {
                group = components;
                out.println();
                out.println("[" + (components.isEmpty() ? "stack" : components) + "]");
            }
            out.println("  + " + resource.type() + "  " + resource.name());
            flatten("", resource.inputs(), new ArrayList<>()).forEach(line -> out.println("      " + line));
        }
        out.println();
        out.println("Outputs:");
        result.outputs().forEach((name, value) -> out.println("  " + name + " = " + value));
        if (result.exitCode() != 0) {
            out.println("FAILED (exit " + result.exitCode() + "): " + result.errors());
        }
        out.println();
    }

    /** One {@code path = value} line per leaf input, tags left out (printed once above). */
    private static List<String> flatten(String prefix, Object value, List<String> lines) {
        if (value instanceof Map<?, ?> map) {
            new TreeMap<>(map).forEach((key, child) -> {
                String name = String.valueOf(key);
                if (!name.equals("tags") && !name.startsWith("__")) {
                    flatten(prefix.isEmpty() ? name : prefix + "." + name, child, lines);
                }
            });
        } else if (value instanceof List<?> list) {
            if (list.stream().allMatch(item -> !(item instanceof Map<?, ?>))) {
                lines.add(prefix + " = " + list);
            } else {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "[" + i + "]", list.get(i), lines);
                }
            }
        } else if (value != null) {
            lines.add(prefix + " = " + (value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : value));
        }
        return lines;
    }

    private static Path projectDirectory() {
        return Optional.ofNullable(System.getProperty(LambdaArtifacts.REPO_ROOT_PROPERTY))
                .map(root -> Path.of(root, "tunnel-infra"))
                .filter(dir -> Files.isRegularFile(dir.resolve("Pulumi.yaml")))
                .orElse(Path.of("").toAbsolutePath());
    }
}
