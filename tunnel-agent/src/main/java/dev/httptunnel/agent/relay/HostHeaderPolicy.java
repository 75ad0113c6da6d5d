package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderList;
import java.util.Locale;

/**
 * Which {@code Host} header the local service sees. Dev servers with host checks (Vite, webpack, Rails)
 * reject the public host name, so the default rewrites it to the local {@code host:port}.
 */
public sealed interface HostHeaderPolicy {

    /** Send the local service's own {@code host:port}, as if the browser had called it directly. */
    HostHeaderPolicy REWRITE = new Rewrite();

    /** Send the public host name the caller used, unchanged. */
    HostHeaderPolicy PRESERVE = new Preserve();

    /** The Host value to send, given the public request's headers and the local service's address. */
    String hostFor(HeaderList publicHeaders, String localHost, int localPort);

    /** Parses the CLI form: {@code rewrite}, {@code preserve}, or any other text as a fixed Host value. */
    static HostHeaderPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("host header policy must be 'preserve', 'rewrite' or a host name");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "rewrite" -> REWRITE;
            case "preserve" -> PRESERVE;
            default -> new Fixed(text.trim());
        };
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    static String authority(String host, int port) {
        String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return bracketed + ":" + port;
    }

    record Rewrite() implements HostHeaderPolicy {
        @Override
        public String hostFor(HeaderList publicHeaders, String localHost, int localPort) {
            return authority(localHost, localPort);
        }

        @Override
        public String toString() {
            return "rewrite";
        }
    }

    record Preserve() implements HostHeaderPolicy {
        @Override
        public String hostFor(HeaderList publicHeaders, String localHost, int localPort) {
            return publicHeaders.first("Host").orElseGet(() -> authority(localHost, localPort));
        }

        @Override
        public String toString() {
            return "preserve";
        }
    }

    record Fixed(String value) implements HostHeaderPolicy {
        public Fixed {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= ' ' || c == 0x7f) {
                    throw new IllegalArgumentException("host header value must not contain spaces or control "
                            + "characters: '" + value + "'");
                }
            }
        }

        @Override
        public String hostFor(HeaderList publicHeaders, String localHost, int localPort) {
            return value;
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
