package dev.httptunnel.agent.relay;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;

/**
 * The JDK HTTP client refuses to set {@code Host} unless the system property
 * {@code jdk.httpclient.allowRestrictedHeaders} names it before the client's classes first load.
 */
public final class RestrictedHeaders {

    static final String PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    private RestrictedHeaders() {
    }

    /** Adds {@code host} to the property; call first thing in {@code main}, before any java.net.http use. */
    public static void allowHostHeader() {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, "host");
        } else if (Arrays.stream(current.split(",")).noneMatch(name -> name.trim().equalsIgnoreCase("host"))) {
            System.setProperty(PROPERTY, current + ",host");
        }
    }

    /** False when the JDK client had already loaded without the property, so Host cannot be chosen. */
    static boolean hostHeaderSettable() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
            return true;
        } catch (IllegalArgumentException restricted) {
            return false;
        }
    }
}
