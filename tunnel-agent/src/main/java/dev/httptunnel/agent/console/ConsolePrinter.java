package dev.httptunnel.agent.console;

import dev.httptunnel.agent.AgentListener;
import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI user sees: a banner when the tunnel is up, connection news, and one line per request.
 *
 * <p>Request lines are answered on the thread that relays, which must not wait for the terminal (or for
 * a pipe nobody drains): they are queued, and a {@code console} thread writes what has gathered at most
 * {@link #REQUEST_LINE_DELAY} later, one write for a burst instead of one per request. Connection news is
 * written at once, after any queued lines, so the order on screen is the order of events. A console that
 * stops reading holds up only that thread; beyond {@link #MAX_QUEUED_CHARS} lines are counted, not kept.
 */
public final class ConsolePrinter implements AgentListener {

    /** How long a request line may wait for others to share its write: too short for a person to notice. */
    static final Duration REQUEST_LINE_DELAY = Duration.ofMillis(50);

    static final int MAX_QUEUED_CHARS = 1 << 20;

    private final PrintStream out;
    private final String localTarget;
    private final String hostHeader;
    private final Clock clock;
    private final Object output = new Object(); // held while writing, so that writes keep their order
    private final StringBuilder queued = new StringBuilder(); // guarded by this
    private long dropped; // guarded by this
    private Thread writer; // guarded by this; started with the first request line
    private ConnectionEstablished lastEstablished; // guarded by output
    private volatile String inspectorUrl;

    public ConsolePrinter(PrintStream out, String localTarget, String hostHeader, Clock clock) {
        this.out = out;
        this.localTarget = localTarget;
        this.hostHeader = hostHeader;
        this.clock = clock;
    }

    /** Shown in the banner from now on. */
    @Override
    public void onInspectorStarted(URI url) {
        this.inspectorUrl = url.toString();
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        synchronized (output) {
            writeQueued();
            switch (state) {
                case CONNECTING -> out.println(Character.toUpperCase(detail.charAt(0)) + detail.substring(1));
                case RECONNECTING -> out.println("Disconnected: " + detail);
                case CLOSED -> out.println("Tunnel closed.");
                case REFUSED -> out.println("Refused: " + detail);
                case REPLACED -> out.println("Replaced: " + detail);
                case ESTABLISHED -> {
                    // The banner, printed by onEstablished, says it all.
                }
            }
            out.flush();
        }
    }

    @Override
    public void onNews(String news) {
        synchronized (output) {
            writeQueued();
            out.println(news);
            out.flush();
        }
    }

    @Override
    public void onEstablished(ConnectionEstablished established) {
        synchronized (output) {
            writeQueued();
            ConnectionEstablished previous = lastEstablished;
            lastEstablished = established;
            if (previous != null && previous.tunnelId().equals(established.tunnelId())
                    && previous.publicUrls().equals(established.publicUrls())) {
                // Same name, same URLs: a line, not the banner again.
                out.println("Reconnected at the same URLs; callers meanwhile were held, or got 503");
                out.flush();
                return;
            }
            out.println();
            out.println("Tunnel " + established.tunnelId() + " is online");
            for (String url : established.publicUrls()) {
                out.println("Forwarding   " + url + " -> " + localTarget);
            }
            out.println("Host header  " + hostHeader);
            if (inspectorUrl != null) {
                out.println("Inspector    " + inspectorUrl);
            }
            out.println("Press Ctrl-C to stop.");
            out.println();
            out.flush();
        }
    }

    @Override
    public void onRequest(RequestLogEntry entry) {
        String line = RequestLog.line(LocalTime.now(clock), entry);
        synchronized (this) {
            boolean wasEmpty = queued.length() == 0;
            if (queued.length() + line.length() > MAX_QUEUED_CHARS) {
                dropped++;
                return;
            }
            queued.append(line).append(System.lineSeparator());
            if (writer == null) {
                writer = new Thread(this::writeRequestLines, "console");
                writer.setDaemon(true);
                writer.start();
            } else if (wasEmpty) {
                notifyAll();
            }
        }
    }

    private void writeRequestLines() {
        try {
            while (true) {
                synchronized (this) {
                    while (queued.length() == 0) {
                        wait();
                    }
                }
                TimeUnit.NANOSECONDS.sleep(REQUEST_LINE_DELAY.toNanos());
                synchronized (output) {
                    writeQueued();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the queued lines; the caller holds {@link #output}. */
    private void writeQueued() {
        String lines;
        long notShown;
        synchronized (this) {
            lines = queued.toString();
            queued.setLength(0);
            notShown = dropped;
            dropped = 0;
        }
        if (!lines.isEmpty()) {
            out.print(lines);
        }
        if (notShown > 0) {
            out.println("(" + notShown + " request lines not shown: the console was not keeping up)");
        }
        out.flush();
    }
}
