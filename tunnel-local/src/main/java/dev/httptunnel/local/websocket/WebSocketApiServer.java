package dev.httptunnel.local.websocket;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.StageThrottle;
import dev.httptunnel.local.http.GatewayIds;
import dev.httptunnel.local.lambda.Invocation;
import dev.httptunnel.local.lambda.LambdaFunction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The WebSocket API with its three routes, each integrated with a function: {@code $connect} decides
 * the upgrade (a non-2xx result refuses it with that status), {@code $default} receives every message,
 * {@code $disconnect} learns of every close. Frame, message, idle and duration quotas are enforced by
 * Jetty or a timer, as API Gateway enforces them.
 */
public final class WebSocketApiServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketApiServer.class.getName());
    /**
     * Route invocations running at once; the rest wait in a bounded queue, so a flood from one connection
     * cannot add threads without end. The stage throttle admits messages before they get here.
     */
    static final int ROUTE_THREADS = 64;
    static final int ROUTE_QUEUE = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewaySettings settings;
    private final String apiId;
    private final LambdaFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> connect;
    private final LambdaFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> messages;
    private final LambdaFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> disconnect;
    private final OpenConnections connections = new OpenConnections();
    private final WebSocketTraffic traffic = new WebSocketTraffic();
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor routes;
    private final StageThrottle connectThrottle;
    private final StageThrottle messageThrottle;
    private final ScheduledExecutorService timer;

    public WebSocketApiServer(GatewaySettings settings, String apiId,
                        LambdaFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> connect,
                        LambdaFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> messages,
                        LambdaFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> disconnect) {
        this.settings = settings;
        this.apiId = apiId;
        this.connect = connect;
        this.messages = messages;
        this.disconnect = disconnect;
        AtomicInteger threads = new AtomicInteger();
        this.routes = new ThreadPoolExecutor(ROUTE_THREADS, ROUTE_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(ROUTE_QUEUE), r -> daemon(r, "ws-route-" + threads.incrementAndGet()));
        this.routes.allowCoreThreadTimeOut(true);
        // Each route has the stage's default route throttle, as routeSettings apply per route on AWS.
        this.connectThrottle = new StageThrottle(settings.throttle());
        this.messageThrottle = new StageThrottle(settings.throttle());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ws-max-duration"));
    }

    public OpenConnections connections() {
        return connections;
    }

    public WebSocketTraffic traffic() {
        return traffic;
    }

    int maxMessageBytes() {
        return settings.maxMessageBytes();
    }

    /** Applies the quotas and maps the API's stage path (and {@code /}, for agents given no stage). */
    public void configure(ServerWebSocketContainer container) {
        container.setMaxFrameSize(settings.maxFrameBytes());
        container.setMaxTextMessageSize(settings.maxMessageBytes());
        container.setMaxBinaryMessageSize(settings.maxMessageBytes());
        container.setIdleTimeout(settings.idleTimeout());
        // Off, or Jetty would split an oversized incoming frame instead of closing with 1009; outgoing
        // messages are split into frames by AgentSocket itself.
        container.setAutoFragment(false);
        container.addMapping("/*", this::upgrade);
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
                           org.eclipse.jetty.util.Callback callback) {
        String path = Request.getPathInContext(request);
        String stagePath = "/" + settings.stage();
        if (!path.equals("/") && !path.equals(stagePath) && !path.equals(stagePath + "/")) {
            Response.writeError(request, response, callback, 403, "Forbidden");
            return null;
        }
        if (!connectThrottle.tryAcquire()) {
            Response.writeError(request, response, callback, 429, "Too Many Requests");
            return null;
        }
        Instant now = Instant.now();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String host = "";
        String userAgent = null;
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            if (field.getName().equalsIgnoreCase("host")) {
                host = field.getValue();
            } else if (field.getName().equalsIgnoreCase("user-agent")) {
                userAgent = field.getValue();
            }
        }
        String sourceIp = Request.getRemoteAddr(request);
        headers.computeIfAbsent("X-Amzn-Trace-Id", k -> new ArrayList<>()).add(GatewayIds.traceId(now.toEpochMilli()));
        headers.computeIfAbsent("X-Forwarded-For", k -> new ArrayList<>()).add(sourceIp);
        headers.put("X-Forwarded-Port", List.of(Integer.toString(Request.getLocalPort(request))));
        headers.put("X-Forwarded-Proto", List.of("http"));
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues());
        }
        WebSocketEvent.ConnectionInfo info = new WebSocketEvent.ConnectionInfo(GatewayIds.connectionId(), apiId,
                settings.stage(), hostname(host), sourceIp, userAgent, now);
        Invocation result = connect.invoke(WebSocketEvent.connect(info, headers, query, now),
                settings.webSocketIntegrationTimeout());
        int status = statusOf(result);
        if (status < 200 || status > 299) {
            LOG.log(System.Logger.Level.INFO, "$connect refused with " + status);
            Response.writeError(request, response, callback, status);
            return null;
        }
        // API Gateway negotiates no extension: every frame on the wire is as large as the quota sees it.
        response.setExtensions(List.of());
        return new AgentSocket(info, this);
    }

    void opened(AgentSocket socket) {
        connections.add(socket);
        expiries.put(socket.connectionId(), timer.schedule(
                () -> socket.close(StatusCode.SHUTDOWN, "Going away"),
                settings.maxConnectionDuration().toMillis(), TimeUnit.MILLISECONDS));
    }

    void received(AgentSocket socket, String body, boolean base64) {
        if (!messageThrottle.tryAcquire()) {
            answerFailure(socket, "Too Many Requests");
            return;
        }
        byte[] event = WebSocketEvent.message(socket.info(), body, base64, Instant.now());
        try {
            routes.execute(() -> messages.invoke(event, settings.webSocketIntegrationTimeout(), result -> {
                if (result instanceof Invocation.Failed failed) {
                    LOG.log(System.Logger.Level.WARNING, "$default integration failed: " + failed.failure() + " "
                            + failed.detail());
                    answerFailure(socket, "Internal server error");
                }
            }));
        } catch (RejectedExecutionException full) {
            answerFailure(socket, "Too Many Requests");
        }
    }

    /** What API Gateway sends back on the socket when a message is not delivered to its route. */
    private void answerFailure(AgentSocket socket, String message) {
        socket.send("{\"message\": \"" + message + "\", \"connectionId\":\"" + socket.connectionId()
                + "\", \"requestId\":\"" + GatewayIds.next() + "\"}", settings.maxFrameBytes(),
                settings.webSocketIntegrationTimeout());
    }

    void closed(AgentSocket socket, int statusCode, String reason) {
        connections.remove(socket);
        ScheduledFuture<?> expiry = expiries.remove(socket.connectionId());
        if (expiry != null) {
            expiry.cancel(false);
        }
        byte[] event = WebSocketEvent.disconnect(socket.info(), statusCode, reason, Instant.now());
        Runnable route = () -> disconnect.invoke(event, settings.webSocketIntegrationTimeout(), result -> { });
        try {
            routes.execute(route);
        } catch (RejectedExecutionException full) {
            // $disconnect must run, or the connection's tunnel stays claimed until its row expires.
            route.run();
        }
    }

    /** The integration's status: its {@code statusCode} when it returned one, 500 or 504 when it failed. */
    private static int statusOf(Invocation result) {
        if (result instanceof Invocation.Failed failed) {
            return failed.failure() == Invocation.Failure.TIMED_OUT ? 504 : 500;
        }
        try {
            JsonNode json = JSON.readTree(((Invocation.Completed) result).responseJson());
            JsonNode status = json == null ? null : json.get("statusCode");
            // A proxy integration that returns no status code is taken as a success, as API Gateway does.
            return status == null || status.isNull() || status.asInt() == 0 ? 200 : status.asInt();
        } catch (IOException e) {
            return 500;
        }
    }

    private static String hostname(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        routes.shutdown();
        try {
            routes.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        routes.shutdownNow();
    }
}
