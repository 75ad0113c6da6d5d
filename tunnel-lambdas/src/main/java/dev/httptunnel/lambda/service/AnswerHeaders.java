package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.HeaderField;
import dev.httptunnel.protocol.HeaderList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers of an answer as the caller may see them. What an app or an agent sends is not trusted to
 * speak for the service or for other tunnels: hop-by-hop headers go (API Gateway sets its own), headers in
 * the service's {@value #SERVICE_PREFIX} namespace go (so no answer can pass for a tunnel failure), and a
 * cookie's {@code Domain} wider than the tunnel's own host is dropped, which leaves a host-only cookie
 * (one tunnel must not set cookies that the browser sends to its sibling tunnels).
 */
final class AnswerHeaders {

    /** The prefix of every header the service itself adds, such as {@link ErrorPage#ERROR_HEADER}. */
    static final String SERVICE_PREFIX = "X-Tunnel-";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "upgrade", "proxy-connection", "te", "trailer");
    private static final Pattern COOKIE_DOMAIN = Pattern.compile("(?i);\\s*domain\\s*=\\s*([^;]*)");

    private AnswerHeaders() {
    }

    static HeaderList forCaller(HeaderList headers, TunnelRoute route) {
        List<HeaderField> kept = new ArrayList<>(headers.size());
        for (HeaderField header : headers.entries()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || name.startsWith(SERVICE_PREFIX.toLowerCase(Locale.ROOT))) {
                continue;
            }
            kept.add(header.hasName("set-cookie")
                    ? new HeaderField(header.name(), withinOwnHost(header.value(), route.ownHost()))
                    : header);
        }
        return PrefixRewriter.rewrite(new HeaderList(kept), route.prefix());
    }

    /**
     * The cookie without any {@code Domain} attribute that names more than {@code ownHost}; in path form
     * ({@code ownHost} empty) the host is every tunnel's, so no {@code Domain} is kept.
     */
    static String withinOwnHost(String setCookie, String ownHost) {
        Matcher m = COOKIE_DOMAIN.matcher(setCookie);
        var out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String domain = m.group(1).trim().toLowerCase(Locale.ROOT);
            domain = domain.startsWith(".") ? domain.substring(1) : domain;
            if (ownHost.isEmpty() || !domain.equals(ownHost)) {
                out.append(setCookie, last, m.start());
                last = m.end();
            }
        }
        return last == 0 ? setCookie : out.append(setCookie.substring(last)).toString();
    }
}
