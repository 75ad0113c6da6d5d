package dev.httptunnel.lambda.handler;

import java.nio.charset.StandardCharsets;

/**
 * Makes a payload 2.0 {@code rawPath} safe to put on a request line again. API Gateway's HTTP API is
 * reported to hand over {@code rawPath} percent-decoded ({@code /a%20b} as {@code /a b}); what may not
 * stand literally in a path is encoded back, and a path that arrives encoded passes unchanged. A
 * replacement character stays as it is: it stands for bytes that were not UTF-8, which encoding it would
 * turn into other bytes ({@code %EF%BF%BD}) than the caller sent, so the request is refused further on.
 */
final class RawPaths {

    private static final String MUST_ENCODE = "\"#<>?\\^`{|}";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char REPLACEMENT = '\uFFFD';

    private RawPaths() {
    }

    static String requestLineSafe(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = null;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            boolean keep = c == REPLACEMENT || c > ' ' && c < 0x7f && MUST_ENCODE.indexOf(c) < 0
                    && (c != '%' || isEscape(rawPath, i));
            if (keep) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(rawPath.length() + 16).append(rawPath, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < rawPath.length() ? i + 2 : i + 1;
            for (byte b : rawPath.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? rawPath : out.toString();
    }

    private static boolean isEscape(String s, int percent) {
        return percent + 2 < s.length() && isHex(s.charAt(percent + 1)) && isHex(s.charAt(percent + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
