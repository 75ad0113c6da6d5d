package dev.httptunnel.protocol;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** A tunnel's id: the subdomain (or first path segment) of its public URL, 12 characters {@code [a-z0-9]}. */
public final class TunnelId {

    public static final int LENGTH = 12;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern FORM = Pattern.compile("[a-z0-9]{" + LENGTH + "}");

    private TunnelId() {
    }

    public static String random(SecureRandom random) {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }

    public static boolean isValid(String candidate) {
        return candidate != null && FORM.matcher(candidate).matches();
    }

    static void require(String tunnelId) {
        if (!isValid(tunnelId)) {
            throw new IllegalArgumentException("tunnelId must be " + LENGTH + " characters [a-z0-9]: '"
                    + tunnelId + "'");
        }
    }
}
