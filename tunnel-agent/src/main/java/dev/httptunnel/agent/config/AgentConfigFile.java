package dev.httptunnel.agent.config;

import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.SecretFile;
import dev.httptunnel.identity.TunnelName;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The developer's own settings for the agent, so a token is configured once instead of typed on every
 * start: a properties file ({@code token}, {@code endpoint}, {@code name}) readable by its owner only, in the
 * platform's usual place for per-user configuration. Options and environment variables override it.
 *
 * @param token the agent token, if one was added
 * @param endpoint the tunnel service's WebSocket URL, if one was added
 * @param name the tunnel name to serve, if one was added
 */
public record AgentConfigFile(Optional<AgentToken> token, Optional<URI> endpoint, Optional<String> name) {

    public static final AgentConfigFile EMPTY = new AgentConfigFile(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * {@code $XDG_CONFIG_HOME/http-tunnel/agent.properties} (by default {@code ~/.config/…}) on Linux and other
     * Unixes, {@code ~/Library/Application Support/http-tunnel/agent.properties} on macOS,
     * {@code %APPDATA%\http-tunnel\agent.properties} on Windows; {@code TUNNEL_AGENT_CONFIG} names another file.
     */
    public static Path location(Map<String, String> environment, String osName, Path home) {
        String explicit = environment.get("TUNNEL_AGENT_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return UserDirectories.config(environment, osName, home).resolve("http-tunnel").resolve("agent.properties");
    }

    public static Path defaultLocation() {
        return location(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /**
     * The settings in {@code file}; none when it does not exist.
     *
     * @throws IllegalArgumentException naming the file and the broken setting
     */
    public static AgentConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's configuration " + file, e);
        }
        try {
            return new AgentConfigFile(
                    Optional.ofNullable(properties.getProperty("token")).map(String::strip).map(AgentToken::parse),
                    Optional.ofNullable(properties.getProperty("endpoint")).map(String::strip).map(URI::create)
                            .map(AgentSettings::requireEndpoint),
                    Optional.ofNullable(properties.getProperty("name")).map(String::strip).map(TunnelName::require));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes these settings to {@code file}, owner-only. */
    public void write(Path file) throws IOException {
        var properties = new Properties();
        token.ifPresent(t -> properties.setProperty("token", t.secret()));
        endpoint.ifPresent(e -> properties.setProperty("endpoint", e.toString()));
        name.ifPresent(n -> properties.setProperty("name", n));
        var text = new StringWriter();
        properties.store(text, "http-tunnel agent settings (tunnel-agent config); keep this file private");
        SecretFile.write(file, text.toString());
    }

    public AgentConfigFile withToken(AgentToken newToken) {
        return new AgentConfigFile(Optional.of(newToken), endpoint, name);
    }

    public AgentConfigFile withEndpoint(URI newEndpoint) {
        return new AgentConfigFile(token, Optional.of(AgentSettings.requireEndpoint(newEndpoint)), name);
    }

    public AgentConfigFile withName(String newName) {
        return new AgentConfigFile(token, endpoint, Optional.of(TunnelName.require(newName)));
    }
}
