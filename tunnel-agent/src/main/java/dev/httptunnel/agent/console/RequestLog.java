package dev.httptunnel.agent.console;

import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ErrorCode;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats one line per request, like ngrok's console: time, method, target, then what the caller got (the
 * status, or for an error the status and the {@code X-Tunnel-Error} code, {@code 502 local_service_unavailable}),
 * the duration, and the body sizes when there are bodies ({@code in} to the local app, {@code out} back to the
 * caller). A line fits {@link #WIDTH} columns: a long target gives up its middle.
 */
public final class RequestLog {

    /** The terminal width lines fit: the narrowest in common use. */
    static final int WIDTH = 80;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int METHOD_WIDTH = 7;
    private static final int MAX_METHOD = 10;
    /**
     * The target column, so that statuses and durations line up; narrower only on a line that needs the room
     * (an error's code, large body sizes).
     */
    private static final int TARGET_WIDTH = 32;
    private static final int MIN_TARGET = 9;
    // ASCII, so that a console in any encoding shows it.
    private static final String ELLIPSIS = "...";

    private RequestLog() {
    }

    public static String line(LocalTime at, RequestLogEntry entry) {
        // Padded by hand: String.format was a tenth of the agent's CPU under load, for one line per request.
        String outcome;
        if (entry.answeredWithError()) {
            ErrorCode seen = entry.error().forCaller();
            outcome = seen.callerStatus() + " " + seen.wireName();
        } else {
            outcome = Integer.toString(entry.status());
        }
        StringBuilder tail = new StringBuilder(64).append(outcome);
        padLeft(tail.append(' '), Long.toString(entry.duration().toMillis()), 5).append(" ms");
        if (entry.requestBodyBytes() > 0) {
            tail.append("  in ").append(size(entry.requestBodyBytes()));
        }
        if (entry.responseBodyBytes() > 0) {
            tail.append("  out ").append(size(entry.responseBodyBytes()));
        }
        StringBuilder line = new StringBuilder(WIDTH).append(TIME.format(at)).append("  ");
        padRight(line, shorten(entry.method(), MAX_METHOD), METHOD_WIDTH).append(' ');
        int room = WIDTH - line.length() - 1 - tail.length();
        int targetWidth = Math.max(MIN_TARGET, Math.min(TARGET_WIDTH, room));
        padRight(line, shorten(entry.target(), targetWidth), targetWidth).append(' ');
        return line.append(tail).toString();
    }

    /** {@code 512 B}, {@code 300.0 KB}, {@code 4.3 MB} (binary units). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The text in at most {@code width} characters: its start and its end, the middle given up. */
    static String shorten(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int kept = width - ELLIPSIS.length();
        int head = (kept + 1) / 2;
        return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - (kept - head));
    }

    private static StringBuilder padRight(StringBuilder line, String text, int width) {
        line.append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        return line;
    }

    private static StringBuilder padLeft(StringBuilder line, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        return line.append(text);
    }
}
