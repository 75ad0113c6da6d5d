package dev.httptunnel.infra.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.httptunnel.infra.config.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code Pulumi.<stack>.yaml} read without the Pulumi CLI, so the offline plan and the tests see the
 * committed stack settings. Secrets ({@code secure:} values) are encrypted and cannot be read here.
 */
public final class StackConfigFile {

    private StackConfigFile() {
    }

    public static ConfigSource read(Path file) {
        JsonNode config;
        try {
            config = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)).path("config");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stack configuration " + file, e);
        }
        return (namespace, key) -> Optional.of(config.path(namespace + ":" + key))
                .filter(JsonNode::isValueNode)
                .map(JsonNode::asText);
    }

    /** {@code Pulumi.<stack>.yaml} in the Pulumi project directory. */
    public static Path of(Path projectDirectory, String stack) {
        return projectDirectory.resolve("Pulumi." + stack + ".yaml");
    }
}
