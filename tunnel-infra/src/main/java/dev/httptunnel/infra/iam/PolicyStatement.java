package dev.httptunnel.infra.iam;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IAM statement as data, so policies are built, compared and tested as values rather than as
 * hand-escaped JSON strings.
 *
 * @param condition operator → (condition key → value), e.g. {@code Bool → aws:SecureTransport → false}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Effect", "Principal", "Action", "Resource", "Condition"})
public record PolicyStatement(
        @JsonProperty("Effect") String effect,
        @JsonProperty("Principal") Map<String, String> principal,
        @JsonProperty("Action") List<String> actions,
        @JsonProperty("Resource") List<String> resources,
        @JsonProperty("Condition") Map<String, Map<String, String>> condition) {

    public PolicyStatement {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one action");
        }
        if (resources != null && resources.stream().anyMatch(r -> r.equals("*"))) {
            throw new IllegalArgumentException("'*' resources are not allowed here; name the resource: " + actions);
        }
        actions = List.copyOf(actions);
        resources = resources == null ? null : List.copyOf(resources);
        principal = principal == null ? null : Map.copyOf(principal);
        if (condition != null) {
            var copy = new LinkedHashMap<String, Map<String, String>>();
            condition.forEach((operator, keys) -> copy.put(operator, Map.copyOf(keys)));
            condition = Map.copyOf(copy);
        }
    }

    /** A statement without a condition. */
    public PolicyStatement(String effect, Map<String, String> principal, List<String> actions, List<String> resources) {
        this(effect, principal, actions, resources, null);
    }

    /** Allows {@code actions} on exactly {@code resources}. */
    public static PolicyStatement allow(List<String> actions, String... resources) {
        return new PolicyStatement("Allow", null, actions, List.of(resources));
    }

    /** Allows {@code actions} on exactly {@code resources}, only when {@code condition} holds. */
    public static PolicyStatement allowWhen(Map<String, Map<String, String>> condition, List<String> actions,
                                            String... resources) {
        return new PolicyStatement("Allow", null, actions, List.of(resources), condition);
    }

    /** Lets an AWS service assume the role, e.g. {@code lambda.amazonaws.com}. */
    public static PolicyStatement assumeRoleBy(String service) {
        return new PolicyStatement("Allow", Map.of("Service", service), List.of("sts:AssumeRole"), null);
    }

    /**
     * A resource-policy statement denying {@code actions} on {@code resources} to every principal,
     * this account's included, whenever {@code condition} holds.
     */
    public static PolicyStatement denyToEveryoneWhen(Map<String, Map<String, String>> condition, List<String> actions,
                                                     String... resources) {
        return new PolicyStatement("Deny", Map.of("AWS", "*"), actions, List.of(resources), condition);
    }
}
