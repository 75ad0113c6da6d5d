package dev.httptunnel.agent;

import dev.httptunnel.agent.connection.ConnectionLoop;
import dev.httptunnel.agent.connection.ConnectionStatus;
import dev.httptunnel.agent.inspect.Inspector;
import dev.httptunnel.agent.inspect.InspectorSettings;
import dev.httptunnel.agent.relay.LocalRelay;
import dev.httptunnel.agent.relay.RelayTap;
import dev.httptunnel.agent.relay.RequestDispatcher;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ProtocolLimits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A running agent: it holds one connection to the tunnel service, reconnecting as needed, and relays
 * every request it receives to the local service. Start one with {@link #start(AgentSettings)}; the CLI
 * and the end-to-end tests both use this class.
 */
public final class TunnelAgent implements AutoCloseable {

    private final AgentSettings settings;
    private final ConnectionStatus status;
    private final WebSocketClient webSocketClient;
    private final RequestDispatcher dispatcher;
    private final Inspector inspector; // null when off, or when its address could not be had
    private final ScheduledExecutorService scheduler;
    private final ConnectionLoop loop;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TunnelAgent(AgentSettings settings) throws Exception {
        this.settings = settings;
        this.status = new ConnectionStatus(settings.listener());
        LocalRelay relay = new LocalRelay(settings.localHost(), settings.localPort(), settings.hostHeader(),
                settings.localTimeout());
        this.inspector = startInspector(settings, relay, status);
        this.dispatcher = new RequestDispatcher(relay, settings.maxConcurrency(), settings.queueCapacity(),
                inspector == null ? RelayTap.Factory.NONE : inspector.taps());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tunnel-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.webSocketClient = newWebSocketClient(settings);
        this.loop = new ConnectionLoop(settings, webSocketClient, dispatcher, scheduler, status);
    }

    /** A taken address is said in one line and the agent goes on without the inspector: it is not the tunnel. */
    private static Inspector startInspector(AgentSettings settings, LocalRelay relay, ConnectionStatus status) {
        InspectorSettings wanted = settings.inspector();
        if (wanted == null) {
            return null;
        }
        try {
            Inspector started = Inspector.start(wanted, relay, status::established, relay.authority(),
                    settings.localTimeout(), settings.agentVersion());
            if (wanted.port() != 0 && started.url().getPort() != wanted.port()) {
                settings.listener().onNews("Inspector: port " + wanted.port() + " is taken; using "
                        + started.url().getPort());
            }
            settings.listener().onInspectorStarted(started.url());
            return started;
        } catch (IOException e) {
            String ports = wanted.nextPortIfTaken() ? " (nor the next ports)" : "";
            settings.listener().onNews("Inspector off: cannot listen on " + wanted.host() + ":" + wanted.port() + ports
                    + ": " + e.getMessage() + "; pick another with --inspect ADDR");
            return null;
        }
    }

    /** The inspector's page, when it runs. */
    public Optional<URI> inspectorUrl() {
        return Optional.ofNullable(inspector).map(Inspector::url);
    }

    /**
     * Starts an agent; it connects in the background and keeps reconnecting until {@link #close()}.
     *
     * @throws IllegalStateException when the WebSocket client cannot start
     */
    public static TunnelAgent start(AgentSettings settings) {
        TunnelAgent agent;
        try {
            agent = new TunnelAgent(settings);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the agent's WebSocket client: " + e.getMessage(), e);
        }
        agent.loop.start();
        return agent;
    }

    /**
     * The tunnel of the current connection, waiting up to {@code timeout} for one.
     *
     * @throws TimeoutException when no connection is established in time
     * @throws IllegalStateException when the agent is closed
     */
    public ConnectionEstablished awaitEstablished(Duration timeout) throws InterruptedException, TimeoutException {
        return status.awaitEstablished(timeout);
    }

    /** The tunnel of the current connection, if one is established right now. */
    public Optional<ConnectionEstablished> established() {
        return status.established();
    }

    public ConnectionState state() {
        return status.state();
    }

    /**
     * Completes when the service refuses this agent's token or name: the agent has then stopped trying.
     * Never completes for an agent that is merely closed or reconnecting.
     */
    public CompletableFuture<AgentRefusal> refusal() {
        return status.refusal();
    }

    /**
     * Completes, with the line the console printed, when the service said another agent with the same token
     * took this one's name: the agent has then stopped and will not reconnect.
     */
    public CompletableFuture<String> replacement() {
        return status.replacement();
    }

    public AgentSettings settings() {
        return settings;
    }

    /** Closes the connection with a normal close (1000), stops relaying, and releases every thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.close();
        dispatcher.close();
        if (inspector != null) {
            inspector.close();
        }
        scheduler.shutdownNow();
        try {
            webSocketClient.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the WebSocket client", e);
        }
    }

    private static WebSocketClient newWebSocketClient(AgentSettings settings) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tunnel-ws");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setScheduler(new ScheduledExecutorScheduler("tunnel-ws-scheduler", true));
        WebSocketClient client = new WebSocketClient(http);
        client.setStopAtShutdown(false);
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        // Jetty's idle timeout counts our own pings as activity, so it cannot see a half-open socket;
        // the connection's read timeout does that. This is only a backstop.
        client.setIdleTimeout(settings.readTimeout().multipliedBy(2));
        client.setMaxTextMessageSize(2L * ProtocolLimits.MAX_MESSAGE_BYTES);
        client.start();
        return client;
    }
}
