package dev.httptunnel.protocol;

import java.net.URI;
import java.net.URISyntaxException;

/** Bodies too large for one message travel through short-lived HTTP(S) URLs instead. */
final class ExternalBody {

    static final int MAX_URL_LENGTH = 8192;

    private ExternalBody() {
    }

    static void requireUrl(String what, String url) {
        if (url == null) {
            return;
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException(what + " exceeds " + MAX_URL_LENGTH + " characters: " + url.length());
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an absolute http(s) URL: '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + e.getMessage(), e);
        }
    }
}
