package dev.httptunnel.agent.console;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;

/** What the CLI user sees: a banner when the tunnel is up, connection news, and one line per request. */
public final class ConsolePrinter implements AgentListener {

    private final PrintStream out;
    private final String localTarget;
    private final String hostHeader;
    private final Clock clock;

    public ConsolePrinter(PrintStream out, String localTarget, String hostHeader, Clock clock) {
        this.out = out;
        this.localTarget = localTarget;
        this.hostHeader = hostHeader;
        this.clock = clock;
    }

    @Override
    public synchronized void onStateChanged(ConnectionState state, String detail) {
        switch (state) {
            case CONNECTING -> out.println(Character.toUpperCase(detail.charAt(0)) + detail.substring(1));
            case RECONNECTING -> out.println("Disconnected: " + detail);
            case CLOSED -> out.println("Tunnel closed.");
            case ESTABLISHED -> {
                // The banner, printed by onEstablished, says it all.
            }
        }
        out.flush();
    }

    @Override
    public synchronized void onEstablished(ConnectionEstablished established) {
        out.println();
        out.println("Tunnel " + established.tunnelId() + " is online");
        for (String url : established.publicUrls()) {
            out.println("Forwarding   " + url + " -> " + localTarget);
        }
        out.println("Host header  " + hostHeader);
        out.println("Press Ctrl-C to stop.");
        out.println();
        out.flush();
    }

    @Override
    public synchronized void onRequest(RequestLogEntry entry) {
        out.println(RequestLog.line(LocalTime.now(clock), entry));
        out.flush();
    }
}
