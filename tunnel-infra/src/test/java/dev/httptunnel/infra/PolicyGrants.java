package dev.httptunnel.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a policy the program renders back into "action on resource" grants, so tests compare sets. */
final class PolicyGrants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyGrants() {
    }

    /** Every Allow statement's grants; a Deny, a second version or a grant stated twice fails the test. */
    static Set<String> of(String policyJson, String what) {
        JsonNode document;
        try {
            document = JSON.readTree(policyJson);
        } catch (Exception e) {
            throw new AssertionError("the " + what + " policy is not JSON", e);
        }
        assertThat(document.path("Version").asText()).isEqualTo("2012-10-17");
        var grants = new HashSet<String>();
        for (JsonNode statement : document.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            for (JsonNode action : statement.path("Action")) {
                for (JsonNode resource : statement.path("Resource")) {
                    assertThat(grants.add(action.asText() + " on " + resource.asText()))
                            .as("granted twice: %s on %s", action, resource).isTrue();
                }
            }
        }
        return grants;
    }
}
