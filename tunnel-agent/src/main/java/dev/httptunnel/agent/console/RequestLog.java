package dev.httptunnel.agent.console;

import dev.httptunnel.agent.RequestLogEntry;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Formats one line per request, like ngrok's console: time, method, target, status or error, duration. */
public final class RequestLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MAX_TARGET = 60;

    private RequestLog() {
    }

    public static String line(LocalTime at, RequestLogEntry entry) {
        String outcome = entry.answeredWithError()
                ? entry.error().wireName()
                : Integer.toString(entry.status());
        return String.format("%s  %-7s %-" + MAX_TARGET + "s %-25s %6d ms", TIME.format(at), entry.method(),
                shorten(entry.target()), outcome, entry.duration().toMillis());
    }

    private static String shorten(String target) {
        return target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET - 3) + "...";
    }
}
