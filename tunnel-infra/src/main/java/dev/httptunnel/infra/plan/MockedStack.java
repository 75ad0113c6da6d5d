package dev.httptunnel.infra.plan;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import dev.httptunnel.infra.TunnelStack;
import dev.httptunnel.infra.config.StackSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@link TunnelStack} in-process under {@link PlanMocks}: no Pulumi CLI, no AWS credentials.
 * The tests and the offline plan both look at the stack through this one run.
 */
public final class MockedStack {

    /**
     * @param resources  every AWS resource registered, in the order the program created them
     * @param components for each resource ({@code type::name}), the components it sits in, outermost first
     * @param outputs    the stack outputs, resolved
     * @param exitCode   0 when the program ran to the end
     * @param errors     what the run reported when it did not
     */
    public record Result(List<RecordedResource> resources, Map<String, List<String>> components,
                         Map<String, Object> outputs, int exitCode, List<String> errors) {

        public List<RecordedResource> ofType(String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toList();
        }

        public Optional<RecordedResource> find(String type, String name) {
            return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
        }

        public RecordedResource get(String type, String name) {
            return find(type, name).orElseThrow(() -> new AssertionError("no " + type + " named '" + name
                    + "'; registered: " + ofType(type).stream().map(RecordedResource::name).toList()));
        }

        public List<String> componentsOf(RecordedResource resource) {
            return components.getOrDefault(key(resource.type(), resource.name()), List.of());
        }
    }

    private MockedStack() {
    }

    public static Result run(StackSettings settings, String stackName) {
        var mocks = new PlanMocks(settings.region());
        try {
            var result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder()
                            .projectName(StackSettings.PROJECT)
                            .stackName(stackName)
                            .preview(false)
                            .build())
                    .runTest(ctx -> TunnelStack.stack(ctx, settings));

            var outputs = new LinkedHashMap<String, Object>();
            if (result.exitCode() == 0) {
                result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
            }
            var errors = new ArrayList<>(result.errors());
            result.exceptions().forEach(e -> errors.add(e.toString()));
            return new Result(inCreationOrder(mocks.recorded(), result.resources()),
                    components(result.resources()), outputs, result.exitCode(), errors);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /**
     * The mocks see resources in the order their inputs resolve. Grouped by the component they sit in
     * (components register at once, in creation order), they read in the order of the program.
     */
    private static List<RecordedResource> inCreationOrder(List<RecordedResource> recorded, List<Resource> created) {
        var componentPosition = new HashMap<String, Integer>();
        for (int i = 0; i < created.size(); i++) {
            componentPosition.putIfAbsent(created.get(i).pulumiResourceName(), i);
        }
        var components = components(created);
        Comparator<RecordedResource> byComponent = Comparator.comparingInt(r -> {
            List<String> path = components.getOrDefault(key(r.type(), r.name()), List.of());
            return path.isEmpty() ? -1 : componentPosition.getOrDefault(path.get(path.size() - 1), Integer.MAX_VALUE);
        });
        return recorded.stream()
                .filter(r -> !r.type().startsWith("http-tunnel:")) // components are printed as groups
                .sorted(byComponent) // stable: within a component, the order the mocks saw
                .toList();
    }

    private static Map<String, List<String>> components(List<Resource> created) {
        var parent = new HashMap<Resource, Resource>();
        for (Resource resource : created) {
            if (resource instanceof ComponentResource) {
                resource.pulumiChildResources().forEach(child -> parent.put(child, resource));
            }
        }
        var components = new HashMap<String, List<String>>();
        for (Resource resource : created) {
            var path = new ArrayList<String>();
            for (Resource p = parent.get(resource); p != null; p = parent.get(p)) {
                path.add(0, p.pulumiResourceName());
            }
            components.put(key(resource.pulumiResourceType(), resource.pulumiResourceName()), List.copyOf(path));
        }
        return components;
    }

    private static String key(String type, String name) {
        return type + "::" + name;
    }
}
