package dev.httptunnel.protocol;

/**
 * A value from the wire made safe to print in a message or a log line: quoted, control and non-ASCII
 * characters escaped (so it cannot start a forged line), and cut to a bounded length.
 */
public final class WireText {

    /** Characters of the value shown at most; the rest is counted, not printed. */
    public static final int MAX_SHOWN = 80;

    private WireText() {
    }

    /** {@code 'value'}, escaped and cut: {@code 'ab\n\u00e9…' (300 characters)}; {@code null} for null. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        var out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16).append('\'');
        int shown = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\'');
        if (value.length() > shown) {
            out.append("… (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }
}
