package dev.httptunnel.agent.testing;

import dev.httptunnel.protocol.ProtocolLimits;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Plays the tunnel service on loopback with API Gateway's frame rules: a frame over 32 KB from the agent
 * fails the connection, as on AWS. Each accepted connection is an {@link AgentSide} the test drives.
 */
public final class FakeTunnelService implements AutoCloseable {

    private final BlockingQueue<AgentSide> connections = new LinkedBlockingQueue<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger upgradeCount = new AtomicInteger();
    private volatile boolean answerReady = true;
    private volatile int rejectUpgradeWith;
    private final BlockingQueue<Upgrade> upgrades = new LinkedBlockingQueue<>();

    /** What an agent's upgrade request carried: its request target and its headers. */
    public record Upgrade(String target, HttpFields headers) {
    }
    private Server server;
    private int port;

    public static FakeTunnelService start() throws Exception {
        FakeTunnelService service = new FakeTunnelService();
        service.startOn(0);
        return service;
    }

    /** Starts again on the same port, as a service coming back after a crash. */
    public void restart() throws Exception {
        startOn(port);
    }

    private void startOn(int requestedPort) throws Exception {
        Server newServer = new Server();
        ServerConnector connector = new ServerConnector(newServer);
        connector.setHost("127.0.0.1");
        connector.setPort(requestedPort);
        newServer.addConnector(connector);
        newServer.setHandler(WebSocketUpgradeHandler.from(newServer, container -> {
            container.setMaxFrameSize(ProtocolLimits.MAX_FRAME_BYTES);
            container.setAutoFragment(false);
            container.setMaxTextMessageSize(ProtocolLimits.MAX_MESSAGE_BYTES);
            container.setIdleTimeout(Duration.ofMinutes(1));
            container.addMapping("/", (request, response, callback) -> {
                upgradeCount.incrementAndGet();
                upgrades.add(new Upgrade(request.getHttpURI().getPathQuery(), request.getHeaders().asImmutable()));
                if (rejectUpgradeWith > 0) {
                    Response.writeError(request, response, callback, rejectUpgradeWith);
                    return null;
                }
                AgentSide side = new AgentSide(answerReady, connectionCount.incrementAndGet());
                connections.add(side);
                return side;
            });
        }));
        newServer.start();
        server = newServer;
        port = connector.getLocalPort();
    }

    public URI endpoint() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    /** Whether connections accepted from now on answer {@code ready} with {@code connection_established}. */
    public void answerReady(boolean answer) {
        this.answerReady = answer;
    }

    /** Refuse upgrades from now on with this HTTP status; 0 accepts them again. */
    public void rejectUpgradesWith(int status) {
        this.rejectUpgradeWith = status;
    }

    /** The next upgrade request an agent sent, accepted or not. */
    public Upgrade awaitUpgrade(Duration timeout) throws InterruptedException {
        Upgrade upgrade = upgrades.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (upgrade == null) {
            throw new AssertionError("no upgrade request within " + timeout.toMillis() + " ms");
        }
        return upgrade;
    }

    public AgentSide awaitConnection(Duration timeout) throws InterruptedException {
        AgentSide side = connections.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (side == null) {
            throw new AssertionError("no agent connected within " + timeout.toMillis() + " ms");
        }
        return side;
    }

    /** An agent connected and handshaken: {@code ready} received and answered. */
    public AgentSide awaitEstablishedConnection(Duration timeout) throws InterruptedException {
        AgentSide side = awaitConnection(timeout);
        side.awaitReady(timeout);
        return side;
    }

    /** Upgrade requests received so far, refused ones included. */
    public int upgradeCount() {
        return upgradeCount.get();
    }

    public int connectionCount() {
        return connectionCount.get();
    }

    /** Stops abruptly, as a crashed service: sockets close without a close handshake. */
    public void stop() throws Exception {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
