package dev.httptunnel.local;

import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.lambda.port.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a handler instance is built from locally: the shared stores (tokens included), the body bucket, a Management API
 * channel of its own (the real SDK client pointed at this gateway) and the gateway's public URLs.
 *
 * @param agentChannels a new {@code ManagementApiChannel} per call
 * @param publicUrlTemplates e.g. {@code http://{tunnel}.localhost:8080}
 * @param offlineHold how long a request for a held name that no connection serves waits for one
 * @param maxConnectionDuration how long the WebSocket API keeps a connection open, told to agents
 */
public record TunnelWiring(ConnectionStore connections, PendingRequestStore pendingRequests, TokenStore tokens,
                           BodyStore bodies,
                           Supplier<AgentChannel> agentChannels, List<String> publicUrlTemplates,
                           String domainName, Duration responseDeadline, Duration offlineHold,
                           Duration maxConnectionDuration, Clock clock) {
}
