package dev.httptunnel.agent.inspect;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may talk to the inspector: only pages and scripts that name it by its own address. A {@code Host}
 * other than the inspector's own is a DNS-rebinding attempt (a foreign name resolved to loopback); an
 * {@code Origin} other than its own is another site's page posting across. Captured bodies hold secrets,
 * so both are refused.
 */
final class InspectorGuard {

    private final Set<String> hosts;

    /** The inspector listening on {@code boundHost:port}: that address, and loopback's names on that port. */
    InspectorGuard(String boundHost, int port) {
        String bound = boundHost.contains(":") && !boundHost.startsWith("[") ? "[" + boundHost + "]" : boundHost;
        this.hosts = Stream.of("127.0.0.1", "localhost", "[::1]", bound.toLowerCase(Locale.ROOT))
                .map(host -> host + ":" + port).collect(Collectors.toUnmodifiableSet());
    }

    /** Why the request is refused, in a sentence; null when it may go on. */
    String refusal(Headers headers) {
        List<String> host = headers.get("Host");
        if (host == null || host.size() != 1 || !hosts.contains(host.get(0).toLowerCase(Locale.ROOT))) {
            return "The inspector answers only requests addressed to it by its own address ("
                    + String.join(", ", sorted()) + "); this one named " + (host == null ? "no host" : "another host")
                    + ". A page served under another name that reaches this port is refused (DNS rebinding).";
        }
        List<String> origin = headers.get("Origin");
        if (origin != null && (origin.size() != 1 || !hosts.stream()
                .anyMatch(allowed -> ("http://" + allowed).equals(origin.get(0).toLowerCase(Locale.ROOT))))) {
            return "The inspector answers only its own page; this request came from another origin. Captured "
                    + "requests never leave this machine.";
        }
        return null;
    }

    private List<String> sorted() {
        return hosts.stream().sorted().toList();
    }
}
