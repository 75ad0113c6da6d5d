package dev.httptunnel.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.handler.ConnectHandler;
import dev.httptunnel.lambda.handler.DisconnectHandler;
import dev.httptunnel.lambda.handler.ForwardingHandler;
import dev.httptunnel.lambda.handler.ResponseHandler;
import dev.httptunnel.lambda.service.AgentAdmission;
import dev.httptunnel.lambda.service.AgentMessageService;
import dev.httptunnel.lambda.service.ForwardingService;
import dev.httptunnel.lambda.service.OfflineHold;
import dev.httptunnel.lambda.service.TunnelRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How each of the four functions makes a handler instance. {@link #tunnel()} builds the project's real,
 * unmodified handlers through their service constructors; tests may swap one for a misbehaving stand-in
 * to prove a gateway quota.
 */
public record TunnelHandlers(
        Function<TunnelWiring, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> connect,
        Function<TunnelWiring, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> disconnect,
        Function<TunnelWiring, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> response,
        Function<TunnelWiring, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> forwarding) {

    public static TunnelHandlers tunnel() {
        return new TunnelHandlers(
                w -> new ConnectHandler(new AgentAdmission(w.tokens(), new TunnelRegistry(w.connections(), w.clock()),
                        w.clock())),
                w -> new DisconnectHandler(new TunnelRegistry(w.connections(), w.clock())),
                w -> new ResponseHandler(new AgentMessageService(w.connections(), w.pendingRequests(),
                        w.agentChannels().get(), tunnelId -> publicUrls(w, tunnelId), w.maxConnectionDuration(),
                        w.clock())),
                w -> new ForwardingHandler(new ForwardingService(w.domainName(), w.responseDeadline(),
                        w.connections(), w.pendingRequests(), w.agentChannels().get(), Optional.of(w.bodies()),
                        new OfflineHold(w.tokens()::holderOf, w.offlineHold()), w.clock())));
    }

    public TunnelHandlers withConnect(
            Function<TunnelWiring, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> f) {
        return new TunnelHandlers(f, disconnect, response, forwarding);
    }

    public TunnelHandlers withForwarding(
            Function<TunnelWiring, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> f) {
        return new TunnelHandlers(connect, disconnect, response, f);
    }

    private static List<String> publicUrls(TunnelWiring wiring, String tunnelId) {
        return wiring.publicUrlTemplates().stream()
                .map(t -> t.replace(TunnelSettings.TUNNEL_PLACEHOLDER, tunnelId)).toList();
    }
}
