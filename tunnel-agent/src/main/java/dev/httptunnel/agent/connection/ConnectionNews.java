package dev.httptunnel.agent.connection;

import java.time.Duration;

/**
 * The console's lines about the connection, worded to fit 80 columns as request lines do; only what the service
 * or the user chose (a public URL, the endpoint, a close reason) can lengthen one.
 */
final class ConnectionNews {

    private static final int MAX_REASON = 40;

    private ConnectionNews() {
    }

    /** A rotation is over: its successor serves, and the old connection answered what it had and closed. */
    static String rotated(Duration age, int passedOn) {
        return "Rotated to a new connection after " + age.toSeconds() + " s; the old one finished"
                + (passedOn == 0 ? " its requests" : ", passed " + passedOn + " on");
    }

    static String stopping(int inFlight, Duration localTimeout) {
        return "Stopping: answering " + inFlight + " request" + (inFlight == 1 ? "" : "s") + " in flight first"
                + " (at most " + localTimeout.toSeconds() + " s)";
    }

    /** Why a connection ended, as the service's close frame said it. */
    static String closedByService(int statusCode, String reason) {
        return "closed by the service (" + statusCode + (reason == null || reason.isEmpty() ? "" : ": " + shown(reason))
                + ")";
    }

    /**
     * A close reason as the console may show it: the frame's text comes off the wire, so control characters
     * (a terminal's escape sequences among them) become spaces, and it is cut, so the line stays one short line.
     */
    static String shown(String reason) {
        StringBuilder out = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && out.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return reason.length() > MAX_REASON ? out.append('…').toString() : out.toString();
    }

    static String reconnecting(String endReason, Duration delay) {
        return endReason + "; reconnecting in " + delay.toMillis() + " ms";
    }

    /** Printed after {@code Replaced: }; {@code where} is the tunnel's first public URL. */
    static String replaced(String where) {
        return "another agent serves " + where + "; this one stops.";
    }
}
