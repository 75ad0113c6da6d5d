package dev.httptunnel.local;

import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.service.OfflineHold;
import dev.httptunnel.protocol.ProtocolLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the local gateway is configured with. Every quota defaults to the AWS value it emulates
 * (see {@code docs/local.md}); tests shorten the durations.
 *
 * @param host the address both listeners bind to
 * @param httpPort the public HTTP API's port; 0 picks a free one
 * @param webSocketPort the WebSocket API's (and Management API's) port; 0 picks a free one
 * @param stage the WebSocket API's stage: the Management API lives under {@code /{stage}/@connections}
 * @param domainName the domain whose subdomains name tunnels ({@code <tunnel>.localhost})
 * @param responseDeadline how long the forwarding handler waits for the agent
 * @param maxFrameBytes WebSocket frame quota; a larger frame closes the connection with 1009
 * @param maxMessageBytes WebSocket message quota, both directions
 * @param idleTimeout a WebSocket connection silent this long is closed
 * @param maxConnectionDuration every WebSocket connection is closed after this long
 * @param webSocketIntegrationTimeout how long a WebSocket route integration ({@code $connect} included) may run
 * @param httpIntegrationTimeout how long the HTTP API waits for the forwarding function
 * @param maxRequestBytes HTTP API payload quota
 * @param maxLambdaPayloadBytes synchronous invocation quota for the event and for the response
 * @param maxConcurrentInvocations account concurrency: handler instances busy at once, all functions together
 * @param requestBodyTimeout how long a public request's body may take to arrive whole
 * @param throttle the stage throttle each API applies to its requests and messages
 * @param guardManagementApi whether the Management API requires the credential the gateway gives its own
 *        handlers; by default when the listeners bind beyond loopback
 * @param offlineHold how long a request for a name some token holds, but no connection serves, waits for its
 *        agent (the stack's {@code offlineHoldSeconds}); not an AWS quota but the forwarding function's setting
 */
public record GatewaySettings(String host, int httpPort, int webSocketPort, String stage, String domainName,
                              Duration responseDeadline, int maxFrameBytes, int maxMessageBytes,
                              Duration idleTimeout, Duration maxConnectionDuration,
                              Duration webSocketIntegrationTimeout, Duration httpIntegrationTimeout,
                              long maxRequestBytes, long maxLambdaPayloadBytes, int maxConcurrentInvocations,
                              Duration requestBodyTimeout,
                              Throttle throttle,
                              boolean guardManagementApi, Duration offlineHold) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_WEBSOCKET_PORT = 8081;
    public static final String DEFAULT_STAGE = "local";
    public static final String DEFAULT_DOMAIN = "localhost";
    /** WebSocket API: integration timeout 29 s, {@code $connect} included. */
    public static final Duration DEFAULT_WEBSOCKET_INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    /** HTTP API: integration timeout 30 s (maximum). */
    public static final Duration DEFAULT_HTTP_INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** HTTP API: payload 10 MB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    /** Lambda: synchronous invocation payload 6 MB, request and response each. */
    public static final long DEFAULT_MAX_LAMBDA_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** Lambda: default account concurrency. */
    public static final int DEFAULT_MAX_CONCURRENT_INVOCATIONS = 1000;
    /**
     * AWS documents no deadline for a client sending its body; the HTTP API's integration timeout is the
     * only request-side limit it names, so a body gets as long to arrive.
     */
    public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = DEFAULT_HTTP_INTEGRATION_TIMEOUT;

    /**
     * A stage's default route throttle: a token bucket refilled at {@code ratePerSecond}, holding at most
     * {@code burst} requests. The defaults are the stack's ({@code throttlingRateLimit},
     * {@code throttlingBurstLimit} in tunnel-infra's {@code StackSettings}).
     */
    public record Throttle(double ratePerSecond, int burst) {
        public static final Throttle STACK_DEFAULT = new Throttle(100, 200);
        /** For measuring the tunnel itself: a stage whose owner raised the throttle far past any load here. */
        public static final Throttle UNTHROTTLED = new Throttle(1_000_000, 1_000_000);

        public Throttle {
            if (!(ratePerSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("throttle rate and burst must be positive: " + ratePerSecond
                        + "/s, " + burst);
            }
        }
    }

    public GatewaySettings {
        Objects.requireNonNull(host, "host");
        requirePort("HTTP port", httpPort);
        requirePort("WebSocket port", webSocketPort);
        if (stage == null || !stage.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("stage must be [A-Za-z0-9_-]+: '" + stage + "'");
        }
        if (domainName == null || domainName.isBlank()) {
            throw new IllegalArgumentException("domain name must not be empty");
        }
        requirePositive("response deadline", responseDeadline);
        requirePositive("idle timeout", idleTimeout);
        requirePositive("max connection duration", maxConnectionDuration);
        requirePositive("WebSocket integration timeout", webSocketIntegrationTimeout);
        requirePositive("HTTP integration timeout", httpIntegrationTimeout);
        if (maxFrameBytes < 125 || maxFrameBytes > maxMessageBytes) {
            throw new IllegalArgumentException("frame quota must be between 125 and the message quota "
                    + maxMessageBytes + ": " + maxFrameBytes);
        }
        if (maxRequestBytes < 1 || maxLambdaPayloadBytes < 1) {
            throw new IllegalArgumentException("payload quotas must be positive: " + maxRequestBytes + ", "
                    + maxLambdaPayloadBytes);
        }
        if (maxConcurrentInvocations < 4) {
            throw new IllegalArgumentException("concurrency must allow one invocation of each of the four "
                    + "functions: " + maxConcurrentInvocations);
        }
        requirePositive("request body timeout", requestBodyTimeout);
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(offlineHold, "offline hold");
        if (offlineHold.isNegative() || offlineHold.compareTo(OfflineHold.MAX_HOLD_TIME) > 0) {
            throw new IllegalArgumentException("offline hold must be between 0 and "
                    + OfflineHold.MAX_HOLD_TIME.toSeconds() + "s: " + offlineHold);
        }
    }

    /** The AWS quotas on the default ports. */
    public static GatewaySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether {@code host} names a loopback address; a name is not resolved, so only literals are. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static void requirePort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 0 and 65535: " + port);
        }
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    /** Mutable, validated by {@link #build()}. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int webSocketPort = DEFAULT_WEBSOCKET_PORT;
        private String stage = DEFAULT_STAGE;
        private String domainName = DEFAULT_DOMAIN;
        private Duration responseDeadline = TunnelSettings.DEFAULT_RESPONSE_DEADLINE;
        private int maxFrameBytes = ProtocolLimits.MAX_FRAME_BYTES;
        private int maxMessageBytes = ProtocolLimits.MAX_MESSAGE_BYTES;
        private Duration idleTimeout = ProtocolLimits.IDLE_TIMEOUT;
        private Duration maxConnectionDuration = ProtocolLimits.MAX_CONNECTION_DURATION;
        private Duration webSocketIntegrationTimeout = DEFAULT_WEBSOCKET_INTEGRATION_TIMEOUT;
        private Duration httpIntegrationTimeout = DEFAULT_HTTP_INTEGRATION_TIMEOUT;
        private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private long maxLambdaPayloadBytes = DEFAULT_MAX_LAMBDA_PAYLOAD_BYTES;
        private int maxConcurrentInvocations = DEFAULT_MAX_CONCURRENT_INVOCATIONS;
        private Duration requestBodyTimeout = DEFAULT_REQUEST_BODY_TIMEOUT;
        private Throttle throttle = Throttle.STACK_DEFAULT;
        private Boolean guardManagementApi;
        private Duration offlineHold = OfflineHold.DEFAULT_HOLD_TIME;

        private Builder() {
        }

        private Builder(GatewaySettings s) {
            host = s.host;
            httpPort = s.httpPort;
            webSocketPort = s.webSocketPort;
            stage = s.stage;
            domainName = s.domainName;
            responseDeadline = s.responseDeadline;
            maxFrameBytes = s.maxFrameBytes;
            maxMessageBytes = s.maxMessageBytes;
            idleTimeout = s.idleTimeout;
            maxConnectionDuration = s.maxConnectionDuration;
            webSocketIntegrationTimeout = s.webSocketIntegrationTimeout;
            httpIntegrationTimeout = s.httpIntegrationTimeout;
            maxRequestBytes = s.maxRequestBytes;
            maxLambdaPayloadBytes = s.maxLambdaPayloadBytes;
            maxConcurrentInvocations = s.maxConcurrentInvocations;
            requestBodyTimeout = s.requestBodyTimeout;
            throttle = s.throttle;
            guardManagementApi = s.guardManagementApi;
            offlineHold = s.offlineHold;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        /** Both ports; 0 picks free ones, as tests do. */
        public Builder ports(int http, int webSocket) {
            httpPort = http;
            webSocketPort = webSocket;
            return this;
        }

        public Builder stage(String value) {
            stage = value;
            return this;
        }

        public Builder domainName(String value) {
            domainName = value;
            return this;
        }

        public Builder responseDeadline(Duration value) {
            responseDeadline = value;
            return this;
        }

        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder maxConnectionDuration(Duration value) {
            maxConnectionDuration = value;
            return this;
        }

        public Builder webSocketIntegrationTimeout(Duration value) {
            webSocketIntegrationTimeout = value;
            return this;
        }

        public Builder httpIntegrationTimeout(Duration value) {
            httpIntegrationTimeout = value;
            return this;
        }

        public Builder maxRequestBytes(long value) {
            maxRequestBytes = value;
            return this;
        }

        public Builder maxLambdaPayloadBytes(long value) {
            maxLambdaPayloadBytes = value;
            return this;
        }

        public Builder maxConcurrentInvocations(int value) {
            maxConcurrentInvocations = value;
            return this;
        }

        public Builder requestBodyTimeout(Duration value) {
            requestBodyTimeout = value;
            return this;
        }

        public Builder throttle(Throttle value) {
            throttle = value;
            return this;
        }

        /** Guards the Management API even on loopback, where other local users can reach it too. */
        public Builder guardManagementApi(boolean value) {
            guardManagementApi = value;
            return this;
        }

        public Builder offlineHold(Duration value) {
            offlineHold = value;
            return this;
        }

        public GatewaySettings build() {
            return new GatewaySettings(host, httpPort, webSocketPort, stage, domainName, responseDeadline,
                    maxFrameBytes, maxMessageBytes, idleTimeout, maxConnectionDuration, webSocketIntegrationTimeout,
                    httpIntegrationTimeout, maxRequestBytes, maxLambdaPayloadBytes, maxConcurrentInvocations,
                    requestBodyTimeout,
                    throttle,
                    guardManagementApi != null ? guardManagementApi : !isLoopback(host), offlineHold);
        }
    }
}
