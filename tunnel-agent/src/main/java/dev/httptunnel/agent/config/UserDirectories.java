package dev.httptunnel.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's usual per-user folders, which the agent's own folder {@code http-tunnel} goes under:
 * configuration ({@code $XDG_CONFIG_HOME}, by default {@code ~/.config}, on Linux and other Unixes;
 * {@code %APPDATA%} on Windows) and state that should outlive a run ({@code $XDG_STATE_HOME}, by default
 * {@code ~/.local/state}; {@code %LOCALAPPDATA%}); both {@code ~/Library/Application Support} on macOS.
 */
public final class UserDirectories {

    private UserDirectories() {
    }

    public static Path config(Map<String, String> environment, String osName, Path home) {
        return base(environment, osName, home, "APPDATA", "Roaming", "XDG_CONFIG_HOME", home.resolve(".config"));
    }

    public static Path state(Map<String, String> environment, String osName, Path home) {
        return base(environment, osName, home, "LOCALAPPDATA", "Local", "XDG_STATE_HOME",
                home.resolve(".local").resolve("state"));
    }

    private static Path base(Map<String, String> environment, String osName, Path home, String windowsVariable,
                             String windowsFolder, String xdgVariable, Path xdgDefault) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String set = environment.get(windowsVariable);
            return set != null && !set.isBlank() ? Path.of(set) : home.resolve("AppData").resolve(windowsFolder);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support");
        }
        String set = environment.get(xdgVariable);
        return set != null && !set.isBlank() ? Path.of(set) : xdgDefault;
    }
}
