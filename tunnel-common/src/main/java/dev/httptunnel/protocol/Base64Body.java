package dev.httptunnel.protocol;

import java.util.Base64;

/** Bodies travel as standard base64 so that binary bytes survive JSON. */
final class Base64Body {

    /** The standard alphabet, by character: one lookup per character, where range tests scan large bodies slower. */
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            ALPHABET[c] = true;
        }
    }

    private Base64Body() {
    }

    /**
     * {@code base64} when the JDK's standard decoder would accept it, checked by one scan without
     * decoding: a body of a few megabytes is checked each time a message holding it is made, and a
     * trial decode would allocate the whole body each time.
     */
    static String requireValid(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return "";
        }
        int length = base64.length();
        int data = 0;
        while (data < length && isAlphabet(base64.charAt(data))) {
            data++;
        }
        int padding = length - data;
        for (int i = data; i < length; i++) {
            if (base64.charAt(i) != '=') {
                throw invalid("illegal character '" + printable(base64.charAt(i)) + "' at index " + i);
            }
        }
        boolean complete = padding == 0
                ? data % 4 != 1
                : data % 4 == 2 && padding == 2 || data % 4 == 3 && padding == 1;
        if (!complete) {
            throw invalid("wrong ending: " + data + " data characters and " + padding + " '='");
        }
        return base64;
    }

    private static boolean isAlphabet(char c) {
        return c < ALPHABET.length && ALPHABET[c];
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("body must be standard base64: " + why);
    }

    static String encode(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? "" : Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] decode(String base64) {
        return base64.isEmpty() ? new byte[0] : Base64.getDecoder().decode(base64);
    }
}
