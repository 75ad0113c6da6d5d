package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Headers that describe one hop's connection (RFC 9110 section 7.6.1) and must not be relayed: the tunnel
 * is a different connection on each side. Names listed in {@code Connection} are hop-by-hop too.
 */
final class HopByHopHeaders {

    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "http2-settings");

    private HopByHopHeaders() {
    }

    /** The headers without hop-by-hop ones and without any name in {@code alsoDrop} (lower case). */
    static HeaderList strip(HeaderList headers, Set<String> alsoDrop) {
        Set<String> drop = new HashSet<>(ALWAYS);
        drop.addAll(alsoDrop);
        for (String listed : headers.all("Connection")) {
            for (String token : listed.split(",")) {
                if (!token.isBlank()) {
                    drop.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new HeaderList(headers.entries().stream()
                .filter(h -> !isDropped(h, drop))
                .toList());
    }

    private static boolean isDropped(HeaderField header, Set<String> drop) {
        String name = header.name().toLowerCase(Locale.ROOT);
        return drop.contains(name) || name.startsWith("proxy-");
    }
}
