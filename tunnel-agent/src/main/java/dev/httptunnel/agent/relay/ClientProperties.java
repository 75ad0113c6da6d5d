package dev.httptunnel.agent.relay;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;

/**
 * System properties the JDK HTTP client reads once, when its classes first load, so they must be set
 * before any {@code java.net.http} use.
 */
public final class ClientProperties {

    /** The JDK client refuses to set {@code Host} unless this property names it. */
    static final String RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";
    static final String KEEP_ALIVE_SECONDS = "jdk.httpclient.keepalive.timeout";
    /**
     * How long an idle connection to the local app is kept, in seconds. The JDK keeps them 1200 s, but
     * local servers close theirs much sooner (gunicorn after 2 s, Node and uvicorn after 5 s); a POST
     * written on a connection in the instant the app closes it fails without being retried, and its
     * caller gets a 502. Closing before the app does leaves no such instant; a fresh loopback connection
     * costs far less than that 502.
     */
    static final String KEEP_ALIVE_DEFAULT = "1";

    private ClientProperties() {
    }

    /**
     * Lets the client set {@code Host} and shortens its keep-alive, keeping what the user set; call first
     * thing in {@code main}, before any java.net.http use.
     */
    public static void setBeforeFirstUse() {
        String current = System.getProperty(RESTRICTED_HEADERS);
        if (current == null || current.isBlank()) {
            System.setProperty(RESTRICTED_HEADERS, "host");
        } else if (Arrays.stream(current.split(",")).noneMatch(name -> name.trim().equalsIgnoreCase("host"))) {
            System.setProperty(RESTRICTED_HEADERS, current + ",host");
        }
        if (System.getProperty(KEEP_ALIVE_SECONDS) == null) {
            System.setProperty(KEEP_ALIVE_SECONDS, KEEP_ALIVE_DEFAULT);
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
