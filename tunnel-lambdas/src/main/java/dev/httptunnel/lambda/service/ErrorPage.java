package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderList;

/** The short page a caller gets when the tunnel, not the local service, answers. */
public final class ErrorPage {

    public static final String ERROR_HEADER = "X-Tunnel-Error";

    private ErrorPage() {
    }

    /** HTML for browsers (those that accept {@code text/html}), plain text for everything else. */
    public static PublicResponse render(Failure failure, String detail, HeaderList requestHeaders) {
        boolean html = requestHeaders.all("accept").stream().anyMatch(a -> a.contains("text/html"));
        String body = html ? html(failure, detail) : failure.status() + " " + failure.title() + "\n\n" + detail + "\n";
        HeaderList headers = HeaderList.of(
                "Content-Type", html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
                "Cache-Control", "no-store",
                ERROR_HEADER, failure.code());
        return PublicResponse.text(failure.status(), headers, body);
    }

    private static String html(Failure failure, String detail) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + failure.status() + " " + escape(failure.title()) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
                + "color:#222}h1{font-size:1.4rem}small{color:#777}</style></head><body>"
                + "<h1>" + failure.status() + " " + escape(failure.title()) + "</h1>"
                + "<p>" + escape(detail) + "</p><p><small>http-tunnel</small></p></body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
