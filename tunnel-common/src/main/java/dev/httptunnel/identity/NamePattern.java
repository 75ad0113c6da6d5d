package dev.httptunnel.identity;

import dev.httptunnel.protocol.WireText;
import java.util.regex.Pattern;

/**
 * A grant of names to a token: one exact name ({@code shop}) or every name with a prefix ({@code alice-*}).
 * A pattern grants the right to claim a name; the first token to claim one keeps it.
 */
public record NamePattern(String text) {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,61}");

    public NamePattern {
        if (text == null || !(TunnelName.isValid(text) || isPrefixPattern(text))) {
            throw new IllegalArgumentException("a grant is a tunnel name (" + TunnelName.RULES
                    + ") or a prefix followed by '*', such as 'alice-*', but was " + WireText.quote(text));
        }
    }

    public static NamePattern of(String text) {
        return new NamePattern(text);
    }

    public boolean isExact() {
        return !text.endsWith("*");
    }

    public boolean matches(String name) {
        if (!TunnelName.isValid(name)) {
            return false;
        }
        return isExact() ? text.equals(name) : name.startsWith(text.substring(0, text.length() - 1))
                && name.length() > text.length() - 1;
    }

    private static boolean isPrefixPattern(String text) {
        return text.endsWith("*") && PREFIX.matcher(text.substring(0, text.length() - 1)).matches()
                && !text.startsWith("xn--");
    }

    @Override
    public String toString() {
        return text;
    }
}
