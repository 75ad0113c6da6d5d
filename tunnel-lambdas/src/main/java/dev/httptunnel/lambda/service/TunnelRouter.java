package dev.httptunnel.lambda.service;

import dev.httptunnel.identity.TunnelName;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the tunnel a public request is for: the subdomain of {@code Host} under the tunnel domain
 * ({@code https://abc123def456.tunnel.example.com/x}) or else the first path segment
 * ({@code https://api-host/abc123def456/x}). A named API Gateway stage is part of the raw path and
 * is stripped first.
 */
public final class TunnelRouter {

    private static final String DEFAULT_STAGE = "$default";

    private final String domainSuffix;

    public TunnelRouter(String domainName) {
        this.domainSuffix = "." + domainName.toLowerCase(Locale.ROOT);
    }

    public Optional<TunnelRoute> route(String host, String rawPath, String stage) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String prefix = "";
        if (stage != null && !stage.isEmpty() && !DEFAULT_STAGE.equals(stage)) {
            String stagePrefix = "/" + stage;
            if (path.equals(stagePrefix) || path.startsWith(stagePrefix + "/")) {
                path = path.length() == stagePrefix.length() ? "/" : path.substring(stagePrefix.length());
                prefix = stagePrefix;
            }
        }
        String hostname = hostname(host);
        if (hostname.endsWith(domainSuffix)) {
            String label = hostname.substring(0, hostname.length() - domainSuffix.length());
            return TunnelName.isValid(label) ? Optional.of(new TunnelRoute(label, path, prefix, hostname))
                    : Optional.empty();
        }
        return routeByPath(path, prefix);
    }

    private static Optional<TunnelRoute> routeByPath(String path, String prefix) {
        int end = path.indexOf('/', 1);
        String segment = end < 0 ? path.substring(1) : path.substring(1, end);
        if (!TunnelName.isValid(segment)) {
            return Optional.empty();
        }
        String rest = end < 0 ? "/" : path.substring(end);
        return Optional.of(new TunnelRoute(segment, rest, prefix + "/" + segment));
    }

    /** The host name without port or trailing dot, lower case; IPv6 literals keep their brackets. */
    static String hostname(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
