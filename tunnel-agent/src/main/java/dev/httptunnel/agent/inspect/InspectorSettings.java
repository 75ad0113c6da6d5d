package dev.httptunnel.agent.inspect;

import dev.httptunnel.agent.config.UserDirectories;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How the inspector runs.
 *
 * @param host the address it listens on; loopback by default, as captured bodies hold secrets
 * @param port the port it listens on; 0 for any free one
 * @param nextPortIfTaken whether a taken port means trying the next few (as ngrok moves from 4040 to 4041)
 * @param bodyCap bytes kept of each body; the rest is counted and marked cut
 * @param maxRequests requests kept; the oldest go first
 * @param maxBytes bytes kept in all (headers and kept bodies); the oldest go first
 * @param directory where the captures are kept across restarts; null keeps them in memory only. When the
 *     inspector moves to a next port ({@code nextPortIfTaken}), they go to the sibling folder named for that
 *     port instead, so agents side by side never share a folder (see {@link #stateDirectory})
 * @param clearAtStart whether to drop the captures kept from earlier runs
 */
public record InspectorSettings(String host, int port, boolean nextPortIfTaken, int bodyCap, int maxRequests,
                                long maxBytes, Path directory, boolean clearAtStart) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4040;
    public static final int DEFAULT_BODY_CAP = 1 << 20;
    public static final int DEFAULT_MAX_REQUESTS = 500;
    public static final long DEFAULT_MAX_BYTES = 100L << 20;
    /** How many ports after a taken one are tried. */
    static final int PORTS_TRIED = 10;

    public InspectorSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the inspector's host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the inspector's port must be between 0 and 65535: " + port);
        }
        if (bodyCap < 0) {
            throw new IllegalArgumentException("the inspector's body cap must not be negative: " + bodyCap);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("the inspector must keep at least 1 request: " + maxRequests);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the inspector's byte cap must be positive: " + maxBytes);
        }
    }

    /** The defaults, in memory only, on any free loopback port: what tests start from. */
    public static InspectorSettings inMemory() {
        return new InspectorSettings(DEFAULT_HOST, 0, false, DEFAULT_BODY_CAP, DEFAULT_MAX_REQUESTS,
                DEFAULT_MAX_BYTES, null, false);
    }

    public InspectorSettings withCaps(int newBodyCap, int newMaxRequests, long newMaxBytes) {
        return new InspectorSettings(host, port, nextPortIfTaken, newBodyCap, newMaxRequests, newMaxBytes, directory,
                clearAtStart);
    }

    public InspectorSettings withDirectory(Path newDirectory, boolean clear) {
        return new InspectorSettings(host, port, nextPortIfTaken, bodyCap, maxRequests, maxBytes, newDirectory, clear);
    }

    public InspectorSettings withAddress(String newHost, int newPort, boolean nextIfTaken) {
        return new InspectorSettings(newHost, newPort, nextIfTaken, bodyCap, maxRequests, maxBytes, directory,
                clearAtStart);
    }

    /** Where the inspector that got {@code boundPort} keeps its captures; null for none. */
    Path directoryFor(int boundPort) {
        if (directory == null || !nextPortIfTaken || boundPort == port) {
            return directory;
        }
        return directory.resolveSibling(Integer.toString(boundPort));
    }

    /**
     * The user's state directory for the inspector listening on {@code port}:
     * {@code $XDG_STATE_HOME/http-tunnel/inspector/PORT} (by default {@code ~/.local/state/…}) on Linux and
     * other Unixes, {@code ~/Library/Application Support/http-tunnel/inspector/PORT} on macOS,
     * {@code %LOCALAPPDATA%\http-tunnel\inspector\PORT} on Windows. One directory per port, so two agents
     * with inspectors on different ports keep apart.
     */
    public static Path stateDirectory(Map<String, String> environment, String osName, Path home, int port) {
        return UserDirectories.state(environment, osName, home).resolve("http-tunnel").resolve("inspector")
                .resolve(Integer.toString(port));
    }

    public static Path defaultStateDirectory(int port) {
        return stateDirectory(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")), Objects.checkIndex(port, 65536));
    }
}
