package dev.httptunnel.protocol;

import java.util.Objects;

/** One header line. Names keep the case they arrived with; values are never joined or split. */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name must be an HTTP token: '" + name + "'");
            }
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("header value of '" + name + "' must not contain CR, LF or NUL");
        }
    }

    /** RFC 9110 token characters, the only ones allowed in a header name or a method. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }
}
