package dev.httptunnel.agent.relay;

import java.net.URI;

/** A presigned URL as errors and logs name it: without its query, which holds the signature. */
final class RedactedUrl {

    private RedactedUrl() {
    }

    static String of(String url) {
        URI uri = URI.create(url);
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + authority + path;
    }
}
