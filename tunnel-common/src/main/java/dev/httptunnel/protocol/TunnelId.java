package dev.httptunnel.protocol;

import java.security.SecureRandom;

/**
 * A tunnel name drawn at random, 12 characters {@code [a-z0-9]}: every token's default name. Any
 * {@link dev.httptunnel.identity.TunnelName} routes; these are merely the ones nobody chose.
 */
public final class TunnelId {

    public static final int LENGTH = 12;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private TunnelId() {
    }

    public static String random(SecureRandom random) {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
