package dev.httptunnel.agent.relay;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The URI of a request on the local service. The raw path and query are kept byte for byte; only
 * characters that {@link URI} cannot carry at all (such as {@code |}, {@code {}, a lone {@code %}) are
 * percent-encoded, because the JDK client cannot send them otherwise.
 */
final class LocalTarget {

    private static final String UNRESERVED_AND_SUB_DELIMS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/";

    private LocalTarget() {
    }

    static URI uri(String host, int port, String rawPath, String rawQuery) {
        StringBuilder uri = new StringBuilder("http://").append(HostHeaderPolicy.authority(host, port));
        appendEscaped(uri, rawPath, false);
        if (!rawQuery.isEmpty()) {
            uri.append('?');
            appendEscaped(uri, rawQuery, true);
        }
        return URI.create(uri.toString());
    }

    private static void appendEscaped(StringBuilder out, String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (UNRESERVED_AND_SUB_DELIMS.indexOf(c) >= 0 || (query && c == '?')) {
                out.append(c);
            } else if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                for (byte b : raw.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
                i = end - 1;
            }
        }
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }
}
