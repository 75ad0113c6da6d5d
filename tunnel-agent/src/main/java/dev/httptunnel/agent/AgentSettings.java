package dev.httptunnel.agent;

import dev.httptunnel.agent.inspect.InspectorSettings;
import dev.httptunnel.agent.relay.HostHeaderPolicy;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.protocol.ProtocolLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one agent needs, validated once. Build with {@link #builder(int)}; every other setting has a
 * documented default.
 *
 * @param endpoint the service's WebSocket URL ({@code ws://} or {@code wss://})
 * @param localHost the local service's host
 * @param localPort the local service's port
 * @param hostHeader which Host header the local service sees
 * @param maxConcurrency requests relayed at once
 * @param queueCapacity requests waiting for a free slot; beyond them the agent answers {@code agent_busy}
 * @param localTimeout how long a request may take, queue included, before {@code local_service_timeout};
 *     under the service's own 27 s deadline
 * @param connectTimeout how long to wait for the WebSocket upgrade
 * @param handshakeTimeout how long to wait for {@code connection_established} after {@code ready}
 * @param heartbeatInterval how often the agent sends {@code ping}; well inside API Gateway's 10 min idle
 *     timeout
 * @param readTimeout silence from the service after which the connection counts as half-open and is
 *     replaced
 * @param backoffBase first reconnect delay ceiling
 * @param backoffMax largest reconnect delay
 * @param maxConnectionAge age at which the agent replaces its connection, before API Gateway's 2 h cut
 * @param agentVersion sent in {@code ready}
 * @param listener receives state changes and request log entries
 * @param token presented on every upgrade in the {@code Authorization} header (never in the URL); null
 *     sends none, which a service that checks tokens refuses
 * @param tunnelName the name to ask for in {@code X-Tunnel-Name}; null for the token's default name
 * @param inspector how the request inspector runs; null for none (the default: the CLI turns it on)
 */
public record AgentSettings(URI endpoint, String localHost, int localPort, HostHeaderPolicy hostHeader,
                            int maxConcurrency, int queueCapacity, Duration localTimeout, Duration connectTimeout,
                            Duration handshakeTimeout, Duration heartbeatInterval, Duration readTimeout,
                            Duration backoffBase, Duration backoffMax, Duration maxConnectionAge,
                            String agentVersion, AgentListener listener, AgentToken token, String tunnelName,
                            InspectorSettings inspector) {

    public static final URI DEFAULT_ENDPOINT = URI.create("ws://localhost:8081");
    public static final String DEFAULT_LOCAL_HOST = "127.0.0.1";
    /** A relay holds no thread while the app works, so a burst is limited by the app, not by the agent. */
    public static final int DEFAULT_MAX_CONCURRENCY = 128;
    /** Queued requests hold their inline bodies (at most one message each): this bounds the agent's memory. */
    public static final int DEFAULT_QUEUE_CAPACITY = 512;
    public static final Duration DEFAULT_LOCAL_TIMEOUT = Duration.ofSeconds(25);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** API Gateway's integration timeout (29 s) bounds how long the service can take to answer ready. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(500);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_CONNECTION_AGE =
            ProtocolLimits.MAX_CONNECTION_DURATION.minus(Duration.ofMinutes(5));

    /**
     * {@code endpoint} if it can be the service's WebSocket URL: {@code ws://} or {@code wss://} with a host.
     *
     * @throws IllegalArgumentException saying which of the two it is not
     */
    public static URI requireEndpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("endpoint must be a ws:// or wss:// URL: '" + endpoint + "'");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must name a host: '" + endpoint + "'");
        }
        return endpoint;
    }

    public AgentSettings {
        requireEndpoint(endpoint);
        if (localHost == null || localHost.isBlank()) {
            throw new IllegalArgumentException("local host must not be empty");
        }
        if (localPort < 1 || localPort > 65535) {
            throw new IllegalArgumentException("local port must be between 1 and 65535: " + localPort);
        }
        Objects.requireNonNull(hostHeader, "hostHeader");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max concurrency must be at least 1: " + maxConcurrency);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must not be negative: " + queueCapacity);
        }
        requirePositive("local timeout", localTimeout);
        if (localTimeout.compareTo(ProtocolLimits.RESPONSE_DEADLINE) >= 0) {
            throw new IllegalArgumentException("local timeout must be under the service's "
                    + ProtocolLimits.RESPONSE_DEADLINE_SECONDS + " s deadline, past which the caller gets 504 no_answer instead of "
                    + "the local service's answer: " + (localTimeout.toMillis() % 1000 == 0
                            ? localTimeout.toSeconds() + " s" : localTimeout.toMillis() + " ms"));
        }
        requirePositive("connect timeout", connectTimeout);
        requirePositive("handshake timeout", handshakeTimeout);
        requirePositive("heartbeat interval", heartbeatInterval);
        requirePositive("read timeout", readTimeout);
        if (readTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("read timeout must exceed the heartbeat interval "
                    + heartbeatInterval + ": " + readTimeout);
        }
        if (heartbeatInterval.compareTo(ProtocolLimits.IDLE_TIMEOUT) >= 0) {
            throw new IllegalArgumentException("heartbeat interval must be under API Gateway's idle timeout "
                    + ProtocolLimits.IDLE_TIMEOUT + ": " + heartbeatInterval);
        }
        requirePositive("backoff base", backoffBase);
        requirePositive("backoff max", backoffMax);
        requirePositive("max connection age", maxConnectionAge);
        agentVersion = agentVersion == null ? "unknown" : agentVersion;
        listener = listener == null ? AgentListener.NONE : listener;
        if (tunnelName != null) {
            TunnelName.require(tunnelName);
        }
    }

    /** Settings for a local service on {@code localPort}, every other value at its default. */
    public static Builder builder(int localPort) {
        return new Builder(localPort);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    /** Mutable, unvalidated until {@link #build()}. */
    public static final class Builder {
        private URI endpoint = DEFAULT_ENDPOINT;
        private String localHost = DEFAULT_LOCAL_HOST;
        private final int localPort;
        private HostHeaderPolicy hostHeader = HostHeaderPolicy.REWRITE;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Duration localTimeout = DEFAULT_LOCAL_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration readTimeout;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private Duration maxConnectionAge = DEFAULT_MAX_CONNECTION_AGE;
        private String agentVersion = AgentVersion.current();
        private AgentListener listener = AgentListener.NONE;
        private AgentToken token;
        private String tunnelName;
        private InspectorSettings inspector;

        private Builder(int localPort) {
            this.localPort = localPort;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder localHost(String localHost) {
            this.localHost = localHost;
            return this;
        }

        public Builder hostHeader(HostHeaderPolicy hostHeader) {
            this.hostHeader = hostHeader;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder localTimeout(Duration localTimeout) {
            this.localTimeout = localTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        /** Also sets the read timeout to twice this plus 5 s unless {@link #readTimeout} is called. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        public Builder maxConnectionAge(Duration maxConnectionAge) {
            this.maxConnectionAge = maxConnectionAge;
            return this;
        }

        public Builder agentVersion(String agentVersion) {
            this.agentVersion = agentVersion;
            return this;
        }

        public Builder listener(AgentListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder token(AgentToken token) {
            this.token = token;
            return this;
        }

        public Builder tunnelName(String tunnelName) {
            this.tunnelName = tunnelName;
            return this;
        }

        public Builder inspector(InspectorSettings inspector) {
            this.inspector = inspector;
            return this;
        }

        public AgentSettings build() {
            Duration read = readTimeout != null || heartbeatInterval == null
                    ? readTimeout
                    : heartbeatInterval.multipliedBy(2).plusSeconds(5);
            return new AgentSettings(endpoint, localHost, localPort, hostHeader, maxConcurrency, queueCapacity,
                    localTimeout, connectTimeout, handshakeTimeout, heartbeatInterval, read, backoffBase,
                    backoffMax, maxConnectionAge, agentVersion, listener, token, tunnelName, inspector);
        }
    }
}
