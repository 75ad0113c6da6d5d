package dev.httptunnel.infra.iam;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One IAM statement as data, so policies are built, compared and tested as values rather than as
 * hand-escaped JSON strings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Effect", "Principal", "Action", "Resource"})
public record PolicyStatement(
        @JsonProperty("Effect") String effect,
        @JsonProperty("Principal") Map<String, String> principal,
        @JsonProperty("Action") List<String> actions,
        @JsonProperty("Resource") List<String> resources) {

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
    }

    /** Allows {@code actions} on exactly {@code resources}. */
    public static PolicyStatement allow(List<String> actions, String... resources) {
        return new PolicyStatement("Allow", null, actions, List.of(resources));
    }

    /** Lets an AWS service assume the role, e.g. {@code lambda.amazonaws.com}. */
    public static PolicyStatement assumeRoleBy(String service) {
        return new PolicyStatement("Allow", Map.of("Service", service), List.of("sts:AssumeRole"), null);
    }
}
