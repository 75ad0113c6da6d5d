package dev.httptunnel.agent.testing;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what the agent reports, so tests can wait for a state instead of sleeping. */
public final class RecordingListener implements AgentListener {

    /** One state change with its human-readable reason. */
    public record StateChange(ConnectionState state, String detail) {
    }

    private final BlockingQueue<StateChange> states = new LinkedBlockingQueue<>();
    private final List<StateChange> history = new CopyOnWriteArrayList<>();
    private final List<RequestLogEntry> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RequestLogEntry> requestQueue = new LinkedBlockingQueue<>();
    private final List<ConnectionEstablished> tunnels = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        StateChange change = new StateChange(state, detail);
        history.add(change);
        states.add(change);
    }

    @Override
    public void onEstablished(ConnectionEstablished established) {
        tunnels.add(established);
    }

    @Override
    public void onRequest(RequestLogEntry entry) {
        requests.add(entry);
        requestQueue.add(entry);
    }

    /** The next request log entry not yet awaited. */
    public RequestLogEntry awaitRequest(Duration timeout) throws InterruptedException {
        RequestLogEntry entry = requestQueue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (entry == null) {
            throw new AssertionError("no request reported within " + timeout.toMillis() + " ms");
        }
        return entry;
    }

    /** The next state change to {@code state}, skipping others. */
    public StateChange awaitState(ConnectionState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StateChange next = states.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + state + " within " + timeout.toMillis() + " ms; history " + history);
            }
            if (next.state() == state) {
                return next;
            }
        }
    }

    public List<StateChange> history() {
        return List.copyOf(history);
    }

    public List<RequestLogEntry> requests() {
        return List.copyOf(requests);
    }

    public List<ConnectionEstablished> tunnels() {
        return List.copyOf(tunnels);
    }
}
