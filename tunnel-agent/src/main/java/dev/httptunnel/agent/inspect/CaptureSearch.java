package dev.httptunnel.agent.inspect;

import dev.httptunnel.protocol.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A full-text search over a capture: its request line, headers and kept bodies, ignoring case. */
final class CaptureSearch {

    private final String needle; // lower case; null matches everything

    private CaptureSearch(String needle) {
        this.needle = needle;
    }

    static CaptureSearch of(String text) {
        return new CaptureSearch(text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT));
    }

    boolean matches(Capture capture) {
        if (needle == null) {
            return true;
        }
        return contains(capture.method() + " " + capture.target())
                || headersContain(capture)
                || contains(new String(capture.requestBody().bytes(), StandardCharsets.UTF_8))
                || contains(new String(capture.responseBody().bytes(), StandardCharsets.UTF_8))
                || (capture.error() != null && contains(capture.error() + " " + capture.errorMessage()));
    }

    private boolean headersContain(Capture capture) {
        for (HeaderField header : capture.requestHeaders()) {
            if (contains(header.name() + ": " + header.value())) {
                return true;
            }
        }
        for (HeaderField header : capture.responseHeaders()) {
            if (contains(header.name() + ": " + header.value())) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(String haystack) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
