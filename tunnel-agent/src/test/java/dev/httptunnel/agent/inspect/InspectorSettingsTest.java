package dev.httptunnel.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectorSettingsTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void stateDirectory_followsEachPlatformsConvention_onePerPort() {
        assertThat(InspectorSettings.stateDirectory(Map.of(), "Linux", HOME, 4040))
                .isEqualTo(Path.of("/home/ada/.local/state/http-tunnel/inspector/4040"));
        assertThat(InspectorSettings.stateDirectory(Map.of("XDG_STATE_HOME", "/state"), "Linux", HOME, 4041))
                .isEqualTo(Path.of("/state/http-tunnel/inspector/4041"));
        assertThat(InspectorSettings.stateDirectory(Map.of(), "Mac OS X", HOME, 4040))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/http-tunnel/inspector/4040"));
        assertThat(InspectorSettings.stateDirectory(Map.of("LOCALAPPDATA", "/appdata/local"), "Windows 11", HOME, 4040))
                .isEqualTo(Path.of("/appdata/local/http-tunnel/inspector/4040"));
        assertThat(InspectorSettings.stateDirectory(Map.of(), "Windows 11", HOME, 4040))
                .isEqualTo(Path.of("/home/ada/AppData/Local/http-tunnel/inspector/4040"));
    }

    @Test
    void anInspectorMovedToTheNextPort_keepsItsCapturesInThatPortsFolder() {
        Path folder = Path.of("/state/http-tunnel/inspector/4040");
        InspectorSettings moving = InspectorSettings.inMemory().withAddress("127.0.0.1", 4040, true)
                .withDirectory(folder, false);
        assertThat(moving.directoryFor(4040)).isEqualTo(folder);
        assertThat(moving.directoryFor(4041)).isEqualTo(Path.of("/state/http-tunnel/inspector/4041"));
        InspectorSettings fixed = InspectorSettings.inMemory().withDirectory(folder, false);
        assertThat(fixed.directoryFor(38123)).as("a folder the caller chose is kept").isEqualTo(folder);
        assertThat(InspectorSettings.inMemory().directoryFor(4041)).isNull();
    }

    @Test
    void settings_refuseCapsThatCannotHold() {
        InspectorSettings defaults = InspectorSettings.inMemory();
        assertThatThrownBy(() -> defaults.withCaps(-1, 10, 10)).hasMessageContaining("body cap");
        assertThatThrownBy(() -> defaults.withCaps(10, 0, 10)).hasMessageContaining("at least 1 request: 0");
        assertThatThrownBy(() -> defaults.withCaps(10, 10, 0)).hasMessageContaining("byte cap");
        assertThatThrownBy(() -> defaults.withAddress("127.0.0.1", 70000, false)).hasMessageContaining("70000");
    }
}
