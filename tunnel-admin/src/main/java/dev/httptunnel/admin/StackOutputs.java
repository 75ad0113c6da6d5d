package dev.httptunnel.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the admin command needs of a deployed stack, from {@code pulumi stack output --json}: where tokens and
 * connections live and the Management API that closes connections.
 */
record StackOutputs(String tokensTable, String connectionsTable, URI managementEndpoint) {

    static final List<String> REQUIRED = List.of("tokensTableName", "connectionsTableName", "managementEndpoint");
    private static final Pattern REGION = Pattern.compile("\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com");

    static StackOutputs parse(String json) {
        JsonNode outputs;
        try {
            outputs = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stack outputs are not JSON (expected what "
                    + "'pulumi stack output --json' prints): " + e.getOriginalMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            if (outputs == null || !outputs.path(key).isTextual()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the stack outputs lack " + missing
                    + ": deploy the current tunnel-infra (make deploy-infra) and try again");
        }
        return new StackOutputs(outputs.get("tokensTableName").asText(), outputs.get("connectionsTableName").asText(),
                URI.create(outputs.get("managementEndpoint").asText()));
    }

    /** The region of the stack, read from its Management API endpoint. */
    Optional<String> region() {
        Matcher m = REGION.matcher(String.valueOf(managementEndpoint.getHost()));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
