package dev.httptunnel.identity;

import dev.httptunnel.protocol.WireText;
import java.util.regex.Pattern;

/**
 * A tunnel's name: the subdomain ({@code https://shop.<domain>/}) and the first path segment
 * ({@code https://<api>/shop/}) of its public URLs, so it must be a DNS label.
 */
public final class TunnelName {

    /** The upgrade header in which an agent asks for a name its token was granted. */
    public static final String REQUEST_HEADER = "X-Tunnel-Name";

    /** A DNS label's maximum length (RFC 1035). */
    public static final int MAX_LENGTH = 63;

    /** The rules, as every refusal states them. */
    public static final String RULES = "a tunnel name is a DNS label: 1 to 63 characters a-z, 0-9 and '-', "
            + "starting and ending with a letter or digit, not starting with 'xn--'";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private TunnelName() {
    }

    public static boolean isValid(String candidate) {
        // Punycode labels would let a name look like another in a browser's address bar.
        return candidate != null && candidate.length() <= MAX_LENGTH && LABEL.matcher(candidate).matches()
                && !candidate.startsWith("xn--");
    }

    /** The name itself, or an {@link IllegalArgumentException} that states the rules and the value. */
    public static String require(String candidate) {
        if (!isValid(candidate)) {
            throw new IllegalArgumentException(RULES + ", but was " + WireText.quote(candidate));
        }
        return candidate;
    }
}
