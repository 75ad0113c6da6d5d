package dev.httptunnel.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The secret an agent presents to open a tunnel: {@value #PREFIX}, 32 random characters {@code [A-Za-z0-9]}
 * (190 bits) and a 6-character checksum of them. The prefix lets secret scanners find a leaked token; the
 * checksum lets the agent tell a mistyped token from an unknown one without asking the service. The service
 * keeps only {@link #hash()}; {@link #toString()} and {@link #displayPrefix()} never show the secret.
 */
public final class AgentToken {

    public static final String PREFIX = "htun_";
    /** The upgrade header that carries it, as {@code Authorization: Bearer <token>}: never the URL. */
    public static final String HEADER = "Authorization";
    public static final String SCHEME = "Bearer ";

    static final int RANDOM_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** Characters of the random part shown in banners, listings and logs. */
    public static final int SHOWN = 6;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final String secret;

    private AgentToken(String secret) {
        this.secret = secret;
    }

    public static AgentToken generate(SecureRandom random) {
        var body = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new AgentToken(PREFIX + body + checksum(body.toString()));
    }

    /** The token, or why the text is not one (without repeating the text: it may be a real secret). */
    public static AgentToken parse(String text) {
        return new AgentToken(requireWellFormed(text));
    }

    /** A token from an {@code Authorization} header value; empty when the header is absent or malformed. */
    public static Optional<AgentToken> fromAuthorization(String headerValue) {
        if (headerValue == null || !headerValue.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String text = headerValue.substring(SCHEME.length()).trim();
        return problem(text) == null ? Optional.of(new AgentToken(text)) : Optional.empty();
    }

    /** Null when {@code text} is a well-formed token, else what is wrong with it. */
    public static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "no token was given";
        }
        if (!text.startsWith(PREFIX)) {
            return "a token starts with '" + PREFIX + "'";
        }
        if (text.length() != LENGTH) {
            return "a token is " + LENGTH + " characters long, this one " + text.length();
        }
        String body = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return "a token has only the characters A-Z, a-z and 0-9 after '" + PREFIX + "'";
            }
        }
        if (!text.endsWith(checksum(body))) {
            return "its checksum does not match: a character was mistyped or lost";
        }
        return null;
    }

    private static String requireWellFormed(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("not an agent token: " + problem);
        }
        return text;
    }

    /** What the service stores and looks the token up by: SHA-256 of the whole token, in hex. */
    public String hash() {
        return hashOf(secret);
    }

    /** {@code htun_Ab12Cd…}: enough to tell tokens apart, nothing to authenticate with. */
    public String displayPrefix() {
        return secret.substring(0, PREFIX.length() + SHOWN) + "…";
    }

    /** The whole secret: only for the upgrade header and for the one time it is shown on creation. */
    public String secret() {
        return secret;
    }

    /** The header value that presents it. */
    public String authorization() {
        return SCHEME + secret;
    }

    @Override
    public String toString() {
        return displayPrefix();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentToken token && MessageDigest.isEqual(
                token.secret.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }

    static String hashOf(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String checksum(String body) {
        var crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(out);
    }
}
