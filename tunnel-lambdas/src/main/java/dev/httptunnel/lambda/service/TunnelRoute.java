package dev.httptunnel.lambda.service;

/**
 * Where a public request goes.
 *
 * @param path the path to request from the local service, percent-encoding intact
 * @param prefix what the public URL has before {@code path} (stage and, in path mode, the tunnel id);
 *     empty when the local service's own paths are the public ones
 * @param ownHost the host name that is this tunnel's alone ({@code shop.tunnel.example.com}); empty in path
 *     mode, where every tunnel shares the host
 */
public record TunnelRoute(String tunnelId, String path, String prefix, String ownHost) {

    /** A route in path mode: the host belongs to every tunnel. */
    public TunnelRoute(String tunnelId, String path, String prefix) {
        this(tunnelId, path, prefix, "");
    }

    public boolean hasPrefix() {
        return !prefix.isEmpty();
    }
}
