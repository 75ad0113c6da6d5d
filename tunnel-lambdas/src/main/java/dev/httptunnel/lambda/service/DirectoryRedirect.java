package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderList;

/**
 * {@code GET /<tunnel>} redirected to {@code /<tunnel>/}: served without the slash, a page's relative links
 * ({@code echo?x}) resolve outside the tunnel and reach no tunnel at all. Only GET and HEAD, whose redirect
 * a client may follow without asking, and only when the public URL has a prefix the app does not see.
 */
final class DirectoryRedirect {

    /** Permanent, and the method is kept: the answer for {@code /<tunnel>} never changes. */
    static final int STATUS = 308;

    private DirectoryRedirect() {
    }

    static boolean applies(PublicRequest request, TunnelRoute route) {
        return route.hasPrefix() && request.rawPath().equals(route.prefix())
                && (request.method().equals("GET") || request.method().equals("HEAD"));
    }

    static PublicResponse to(PublicRequest request, TunnelRoute route) {
        String location = route.prefix() + "/" + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        return PublicResponse.text(STATUS, HeaderList.of("Location", location, "Content-Type",
                "text/plain; charset=utf-8"), "This tunnel's pages are under " + location + "\n");
    }
}
