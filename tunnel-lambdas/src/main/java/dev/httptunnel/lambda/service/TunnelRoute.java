package dev.httptunnel.lambda.service;

/**
 * Where a public request goes.
 *
 * @param path the path to request from the local service, percent-encoding intact
 * @param prefix what the public URL has before {@code path} (stage and, in path mode, the tunnel id);
 *     empty when the local service's own paths are the public ones
 */
public record TunnelRoute(String tunnelId, String path, String prefix) {

    public boolean hasPrefix() {
        return !prefix.isEmpty();
    }
}
