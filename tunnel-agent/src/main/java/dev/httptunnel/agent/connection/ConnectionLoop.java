package dev.httptunnel.agent.connection;

import dev.httptunnel.agent.AgentRefusal;
import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.relay.RequestDispatcher;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.ConnectRefusal;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one tunnel connection alive: connects, waits for the handshake, and when the connection ends
 * reconnects after an exponential backoff with jitter. Before API Gateway's 2-hour cut it opens a new
 * connection at once and retires the old one. One failed connection never stops the loop; only
 * {@link #close()} does.
 */
public final class ConnectionLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** The longest head start a successor connection gets before the service's limit. */
    static final Duration ROTATION_LEAD = Duration.ofMinutes(5);

    private final AgentSettings settings;
    private final WebSocketClient client;
    private final RequestDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final ConnectionStatus status;
    private final Backoff backoff;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Set<TunnelConnection> live = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** The connection being replaced, retired once its successor is established. */
    private TunnelConnection replaced;
    /** Whether a connection was ever established: a 403 then means a revoked token, not a wrong stage. */
    private boolean connectedBefore;

    public ConnectionLoop(AgentSettings settings, WebSocketClient client, RequestDispatcher dispatcher,
                          ScheduledExecutorService scheduler, ConnectionStatus status) {
        this.settings = settings;
        this.client = client;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.status = status;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), new Random());
        this.thread = new Thread(this::run, "tunnel-connection");
        thread.setDaemon(true);
        status.replacement().thenRun(this::stopReplaced);
    }

    /**
     * Another agent serves the name now: no reconnect, and every connection of this one closes once its requests
     * in flight are answered (the service closes the one it told at once).
     */
    private void stopReplaced() {
        stopped.complete(null);
        for (TunnelConnection connection : live) {
            connection.closeWhenIdle("replaced by another agent");
        }
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (!stopped.isDone()) {
            // A successor is opened while the old connection still serves: the tunnel stays established.
            if (replaced == null) {
                status.changed(ConnectionState.CONNECTING, "connecting to " + settings.endpoint());
            }
            // While one of its own connections is open the new one is its successor, which replaces no agent.
            String endReason = connectAndServe(new TunnelConnection(settings, dispatcher, scheduler, status,
                    !live.isEmpty()));
            if (stopped.isDone() || status.refusal().isDone()) {
                break;
            }
            if (endReason == null) {
                continue;
            }
            Duration delay = backoff.next();
            status.changed(ConnectionState.RECONNECTING, ConnectionNews.reconnecting(endReason, delay));
            awaitStopFor(delay);
        }
    }

    /** Serves one connection until it ends; the reason it ended, or null when it was retired for age. */
    private String connectAndServe(TunnelConnection connection) {
        live.add(connection);
        connection.ended().whenComplete((reason, failure) -> live.remove(connection));
        try {
            awaitUnlessStopped(client.connect(connection, settings.endpoint(), upgradeRequest()),
                    settings.connectTimeout().plus(CLOSE_GRACE));
            ConnectionEstablished tunnel = awaitUnlessStopped(connection.established(),
                    settings.handshakeTimeout().plus(CLOSE_GRACE));
            if (tunnel == null) {
                return null;
            }
            backoff.reset();
            connectedBefore = true;
            if (replaced == null || status.state() != ConnectionState.ESTABLISHED) {
                status.established(tunnel);
            }
            retireReplaced(connection, age(tunnel));
            CompletableFuture.anyOf(connection.ended(), stopped).get(age(tunnel).toMillis(), TimeUnit.MILLISECONDS);
            return connection.ended().getNow("the agent is closing");
        } catch (TimeoutException maxAge) {
            if (connection.established().isDone() && !connection.ended().isDone()) {
                // Kept serving until its successor is established, so requests always find a connection.
                LOG.info("Connection reached its rotation age; opening its successor");
                replaced = connection;
                return null;
            }
            connection.abort("no answer from " + settings.endpoint() + " in time");
            return connection.ended().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort("interrupted");
            return "interrupted";
        } catch (ExecutionException | IOException | RuntimeException e) {
            String reason = describe(e);
            connection.abort(reason);
            refusalOf(e).ifPresent(refusal -> status.refused(AgentRefusal.of(refusal, settings, connectedBefore)));
            return reason;
        }
    }

    private Duration age(ConnectionEstablished tunnel) {
        return rotationAge(settings.maxConnectionAge(), tunnel.maxConnectionSeconds());
    }

    /** Retires the connection this one replaces, and says so once it has closed. */
    private void retireReplaced(TunnelConnection successor, Duration age) {
        TunnelConnection old = replaced;
        if (old == null) {
            return;
        }
        replaced = null;
        old.retire(successor::sendQuietly);
        old.ended().thenRun(() -> status.news(ConnectionNews.rotated(age, old.passedOn())));
    }

    /**
     * When to replace a connection: before the service's limit (when it says it) by a quarter of it, at most
     * five minutes early, and never later than the configured age.
     */
    static Duration rotationAge(Duration configured, Long serviceLimitSeconds) {
        if (serviceLimitSeconds == null || serviceLimitSeconds < 1) {
            return configured;
        }
        Duration limit = Duration.ofSeconds(serviceLimitSeconds);
        Duration early = limit.dividedBy(4);
        Duration age = limit.minus(early.compareTo(ROTATION_LEAD) < 0 ? early : ROTATION_LEAD);
        return age.compareTo(configured) < 0 ? age : configured;
    }

    /** The token and the name travel in headers, never in the URL: URLs reach access logs. */
    private ClientUpgradeRequest upgradeRequest() {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (settings.token() != null) {
            request.setHeader(AgentToken.HEADER, settings.token().authorization());
        }
        if (settings.tunnelName() != null) {
            request.setHeader(TunnelName.REQUEST_HEADER, settings.tunnelName());
        }
        return request;
    }

    /** The future's value, or null if the agent was closed first. */
    private <T> T awaitUnlessStopped(CompletableFuture<T> future, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture.anyOf(future, stopped).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return stopped.isDone() ? null : future.get();
    }

    private void awaitStopFor(Duration delay) {
        try {
            stopped.get(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException elapsed) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.complete(null);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
                return settings.endpoint() + " refused the WebSocket upgrade with HTTP "
                        + upgrade.getResponseStatusCode() + hintFor(upgrade.getResponseStatusCode());
            }
            if (cause instanceof ConnectException) {
                return "cannot reach " + settings.endpoint() + ": connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "cannot resolve the host of " + settings.endpoint();
            }
        }
        Throwable root = failure instanceof ExecutionException || failure instanceof CompletionException
                ? failure.getCause() : failure;
        if (root instanceof IllegalStateException ended) {
            return ended.getMessage();
        }
        return "cannot connect to " + settings.endpoint() + ": " + root;
    }

    /** A refused token or name: the same upgrade would be refused again, so the loop ends. */
    private static Optional<ConnectRefusal> refusalOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpgradeException upgrade) {
                return ConnectRefusal.ofStatus(upgrade.getResponseStatusCode());
            }
        }
        return Optional.empty();
    }

    private static String hintFor(int status) {
        return switch (status) {
            case 429 -> " (too many connections; the service throttles new ones)";
            default -> "";
        };
    }

    /**
     * Stops gracefully: every connection closes with a normal close (1000) once the requests in flight on
     * it are answered, within the local timeout; then the loop waits briefly for the service to acknowledge.
     * Requests that arrive meanwhile are still relayed; once the connection is gone the service holds them
     * for the name to come back.
     */
    @Override
    public void close() {
        stopped.complete(null);
        int inFlight = live.stream().mapToInt(TunnelConnection::inFlight).sum();
        if (inFlight > 0) {
            status.news(ConnectionNews.stopping(inFlight, settings.localTimeout()));
        }
        for (TunnelConnection connection : live) {
            connection.closeWhenIdle("agent shutting down");
        }
        long drainMillis = settings.localTimeout().plus(CLOSE_GRACE).plus(CLOSE_GRACE).toMillis();
        for (TunnelConnection connection : live) {
            try {
                connection.ended().get(drainMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                connection.abort("agent shut down");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            thread.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.changed(ConnectionState.CLOSED, "agent closed");
    }
}
