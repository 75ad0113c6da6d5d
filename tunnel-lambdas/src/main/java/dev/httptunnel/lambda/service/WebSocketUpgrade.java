package dev.httptunnel.lambda.service;

import java.util.Arrays;
import java.util.Locale;

/**
 * A public request asking to become a WebSocket. The HTTP API cannot upgrade a caller's connection, and
 * relayed as a plain request it would reach the app as a GET whose answer the caller's WebSocket client
 * cannot use: it is refused, at the forwarding handler so that AWS and the local gateway agree.
 */
final class WebSocketUpgrade {

    private WebSocketUpgrade() {
    }

    /** {@code Upgrade: websocket}, in any case, alone or in a list of protocols. */
    static boolean isAskedFor(PublicRequest request) {
        return request.headers().all("upgrade").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(protocol -> protocol.strip().toLowerCase(Locale.ROOT))
                .anyMatch(protocol -> protocol.equals("websocket") || protocol.startsWith("websocket/"));
    }
}
