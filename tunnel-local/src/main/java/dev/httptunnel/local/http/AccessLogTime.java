package dev.httptunnel.local.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** API Gateway's request time format: {@code 12/Mar/2020:19:03:58 +0000}. */
public final class AccessLogTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AccessLogTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
