package dev.httptunnel.agent.console;

import dev.httptunnel.agent.RequestLogEntry;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats one line per request, like ngrok's console: time, method, target, status or error, duration,
 * then the body sizes when there are bodies ({@code in} to the local app, {@code out} back to the caller).
 */
public final class RequestLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MAX_TARGET = 60;

    private RequestLog() {
    }

    public static String line(LocalTime at, RequestLogEntry entry) {
        String outcome = entry.answeredWithError()
                ? entry.error().wireName()
                : Integer.toString(entry.status());
        StringBuilder line = new StringBuilder(String.format("%s  %-7s %-" + MAX_TARGET + "s %-25s %6d ms",
                TIME.format(at), entry.method(), shorten(entry.target()), outcome, entry.duration().toMillis()));
        if (entry.requestBodyBytes() > 0) {
            line.append("  in ").append(size(entry.requestBodyBytes()));
        }
        if (entry.responseBodyBytes() > 0) {
            line.append("  out ").append(size(entry.responseBodyBytes()));
        }
        return line.toString();
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

    private static String shorten(String target) {
        return target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET - 3) + "...";
    }
}
