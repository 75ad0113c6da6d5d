package dev.httptunnel.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.identity.AgentToken;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {

    private static final Path HOME = Path.of("/home/dev");

    @Test
    void location_isThePlatformsUsualPlaceForUserConfiguration() {
        assertThat(AgentConfigFile.location(Map.of(), "Linux", HOME))
                .isEqualTo(Path.of("/home/dev/.config/http-tunnel/agent.properties"));
        assertThat(AgentConfigFile.location(Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", HOME))
                .isEqualTo(Path.of("/xdg/http-tunnel/agent.properties"));
        assertThat(AgentConfigFile.location(Map.of(), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/dev/Library/Application Support/http-tunnel/agent.properties"));
        assertThat(AgentConfigFile.location(Map.of("APPDATA", "/appdata"), "Windows 11", HOME))
                .isEqualTo(Path.of("/appdata/http-tunnel/agent.properties"));
        assertThat(AgentConfigFile.location(Map.of("TUNNEL_AGENT_CONFIG", "/etc/agent.properties"), "Linux", HOME))
                .isEqualTo(Path.of("/etc/agent.properties"));
    }

    @Test
    void written_isReadableByItsOwnerOnly_andReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/agent.properties");
        AgentToken token = AgentToken.generate(new SecureRandom());
        AgentConfigFile.EMPTY.withToken(token).withEndpoint(URI.create("wss://x.example/dev")).withName("shop")
                .write(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AgentConfigFile read = AgentConfigFile.read(file);
        assertThat(read.token()).contains(token);
        assertThat(read.endpoint()).contains(URI.create("wss://x.example/dev"));
        assertThat(read.name()).contains("shop");
        assertThat(dir.resolve("nested")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anAbsentFile_isNoSettings(@TempDir Path dir) {
        assertThat(AgentConfigFile.read(dir.resolve("none"))).isEqualTo(AgentConfigFile.EMPTY);
    }

    @Test
    void aBrokenSetting_namesTheFile_andNeverTheSecret(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "token=htun_mistyped\nname=Shop\n");
        assertThatThrownBy(() -> AgentConfigFile.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("not an agent token").hasMessageNotContaining("htun_mistyped");
    }

    @Test
    void anEndpointThatIsNoWebSocketUrl_isRefusedWhenStored_andNamedWithTheFileWhenRead(@TempDir Path dir)
            throws Exception {
        assertThatThrownBy(() -> AgentConfigFile.EMPTY.withEndpoint(URI.create("http://x.example")))
                .hasMessageContaining("ws:// or wss://");

        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "endpoint=localhost:8081\n");
        assertThatThrownBy(() -> AgentConfigFile.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("ws:// or wss://");
    }
}
