package dev.httptunnel.protocol;

import java.util.Base64;

/** Bodies travel as standard base64 so that binary bytes survive JSON. */
final class Base64Body {

    private Base64Body() {
    }

    static String requireValid(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return "";
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("body must be standard base64: " + e.getMessage(), e);
        }
        return base64;
    }

    static String encode(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? "" : Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] decode(String base64) {
        return base64.isEmpty() ? new byte[0] : Base64.getDecoder().decode(base64);
    }
}
