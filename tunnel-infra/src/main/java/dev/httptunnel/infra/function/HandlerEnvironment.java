package dev.httptunnel.infra.function;

import com.pulumi.core.Output;
import dev.httptunnel.lambda.config.TunnelFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each function only variables its handler reads, by the handlers' own lists: every one of
 * {@link TunnelFunction#requiredVariables()} and those of {@link TunnelFunction#optionalVariables()}
 * the stack offers a value for. A value no handler lists is never passed on.
 */
public final class HandlerEnvironment {

    private final Map<String, Output<String>> available;

    /** @param available value of each variable the stack can provide, keyed by variable name */
    public HandlerEnvironment(Map<String, Output<String>> available) {
        this.available = Map.copyOf(available);
    }

    /**
     * The variables of {@code function}: all its required ones (a missing one is a programming error
     * caught before deployment) and those optional ones the stack chose to set.
     */
    public Output<Map<String, String>> variablesFor(TunnelFunction function) {
        List<String> names = new ArrayList<>();
        for (String name : function.requiredVariables()) {
            if (!available.containsKey(name)) {
                throw new IllegalStateException("the stack provides no value for " + name
                        + ", which the " + function.shortName() + " handler requires");
            }
            names.add(name);
        }
        function.optionalVariables().stream().filter(available::containsKey).forEach(names::add);

        List<Output<String>> values = names.stream().map(available::get).toList();
        return Output.all(values).applyValue(resolved -> {
            var variables = new LinkedHashMap<String, String>();
            for (int i = 0; i < names.size(); i++) {
                variables.put(names.get(i), resolved.get(i));
            }
            return Map.copyOf(variables);
        });
    }
}
