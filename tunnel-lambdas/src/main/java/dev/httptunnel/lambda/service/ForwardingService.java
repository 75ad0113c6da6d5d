package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.AgentGoneException;
import dev.httptunnel.lambda.port.BodyStore;
import dev.httptunnel.lambda.port.BodyTooLargeException;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.ProtocolException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The hot path: relays one public request to the agent serving its tunnel and waits for the answer.
 * Every outcome is a response; nothing here throws for a caller's or an agent's mistake.
 */
public final class ForwardingService {

    /** Pending rows outlive their deadline briefly, then DynamoDB's TTL removes them at no cost. */
    static final Duration PENDING_ROW_GRACE = Duration.ofMinutes(5);

    /**
     * Answers are refused this long before the wait ends, so that any answer the row accepts is still
     * seen by the last read (and clocks of different functions may differ by a few milliseconds).
     */
    static final Duration ANSWER_CUTOFF_MARGIN = Duration.ofMillis(250);

    /** Each connection tried answered 410: past this many the name counts as offline. */
    static final int MAX_CONNECTIONS_TRIED = 4;

    private static final System.Logger LOG = System.getLogger(ForwardingService.class.getName());

    private final TunnelRouter router;
    private final TunnelAddresses addresses;
    private final TunnelDirectory directory;
    private final ConnectionStore connections;
    private final PendingRequestStore pendingRequests;
    private final AgentChannel agents;
    private final Optional<BodyStore> bodies;
    private final AnswerPoller poller;
    private final AnswerTranslator answers;
    private final Duration deadline;
    private final OfflineHold hold;
    private final Clock clock;
    private final Supplier<String> requestIds;

    /** A forwarder for bodies that fit one WebSocket message (about 96 KB), holding no request. */
    public ForwardingService(String domainName, Duration deadline, ConnectionStore connections,
                             PendingRequestStore pendingRequests, AgentChannel agents, Clock clock) {
        this(domainName, deadline, connections, pendingRequests, agents, Optional.empty(), OfflineHold.none(), clock);
    }

    /**
     * @param bodies where larger bodies, up to {@link ProtocolLimits#MAX_BODY_BYTES}, go; empty for none
     * @param hold how requests for a held name that no connection serves wait for it
     */
    public ForwardingService(String domainName, Duration deadline, ConnectionStore connections,
                             PendingRequestStore pendingRequests, AgentChannel agents, Optional<BodyStore> bodies,
                             OfflineHold hold, Clock clock) {
        this.router = new TunnelRouter(domainName);
        this.addresses = new TunnelAddresses(domainName);
        this.directory = new TunnelDirectory(connections, clock);
        this.connections = connections;
        this.pendingRequests = pendingRequests;
        this.agents = agents;
        this.bodies = bodies;
        this.poller = new AnswerPoller(pendingRequests);
        this.answers = new AnswerTranslator(bodies);
        this.deadline = deadline;
        this.hold = hold;
        this.clock = clock;
        this.requestIds = randomRequestIds(new SecureRandom());
    }

    public PublicResponse forward(PublicRequest request) {
        long startNanos = System.nanoTime();
        Instant started = clock.instant();
        Optional<TunnelRoute> route = router.route(request.host(), request.rawPath(), request.stage());
        if (route.isEmpty()) {
            return ErrorPage.render(Failure.NO_TUNNEL, Failure.NO_TUNNEL.detail(addresses.describe(request)),
                    request.headers());
        }
        String tunnelId = route.get().tunnelId();
        if (WebSocketUpgrade.isAskedFor(request)) {
            return ErrorPage.render(Failure.WEBSOCKET_NOT_SUPPORTED, Failure.WEBSOCKET_NOT_SUPPORTED.detail(tunnelId),
                    request.headers());
        }
        long holdUntilNanos = startNanos + hold.within(deadline).toNanos();
        Availability availability = connectionFor(tunnelId, Set.of(), holdUntilNanos);
        if (availability.connection().isEmpty()) {
            return unavailable(availability, tunnelId, request);
        }
        // Only for a tunnel that is there: an address that names none stays a 404.
        if (DirectoryRedirect.applies(request, route.get())) {
            return DirectoryRedirect.to(request, route.get());
        }
        Optional<Connection> connection = availability.connection();
        Outgoing outgoing;
        try {
            outgoing = outgoing(requestIds.get(), request, route.get());
        } catch (MessageTooLargeException | BodyTooLargeException e) {
            return ErrorPage.render(Failure.REQUEST_TOO_LARGE, requestTooLarge(request, e), request.headers());
        } catch (IllegalArgumentException e) {
            return ErrorPage.render(Failure.BAD_REQUEST, Failure.BAD_REQUEST.detail(e.getMessage()),
                    request.headers());
        }
        TunnelRequest message = outgoing.message();
        try {
            return deliver(outgoing, route.get(), connection.get(), request, started, startNanos, holdUntilNanos);
        } finally {
            if (message.bodyUrl() != null) {
                bodies.ifPresent(store -> store.discardRequestBody(message.requestId()));
            }
        }
    }

    /**
     * The request as it goes to the agent, and its encoding, made once; with what the answer is translated
     * for: the tunnel's route and the caller's headers.
     */
    private record Outgoing(TunnelRequest message, byte[] json, TunnelRoute route, HeaderList callerHeaders) {

        Outgoing(TunnelRequest message, byte[] json, PublicRequest request, TunnelRoute route) {
            this(message, json, route, request.headers());
        }
    }

    /**
     * The message as it can travel: with an upload URL for a large response when large bodies are
     * supported, and with its own body moved to the body store when it would not fit one message. A body
     * bound for the store is decoded once, never checked as a message's base64 first: each such scan of a
     * body of megabytes is billed time of the function, and CPU the local gateway shares with everything.
     */
    private Outgoing outgoing(String requestId, PublicRequest request, TunnelRoute route) {
        if (bodies.isEmpty()) {
            TunnelRequest message = ForwardedRequest.build(requestId, request, route, request.body(), null, null);
            return new Outgoing(message, MessageCodec.encodeToBytes(message), request, route);
        }
        BodyStore store = bodies.get();
        String uploadUrl = store.responseUploadUrl(requestId);
        // A body whose base64 alone exceeds a message goes to the store without a trial encoding.
        if (request.body().length() <= ProtocolLimits.MAX_MESSAGE_BYTES) {
            TunnelRequest message = ForwardedRequest.build(requestId, request, route, request.body(), null, uploadUrl);
            try {
                return new Outgoing(message, MessageCodec.encodeToBytes(message), request, route);
            } catch (MessageTooLargeException e) {
                if (request.body().isEmpty()) {
                    throw e;
                }
            }
        }
        byte[] body = decode(request.body());
        if (body.length > ProtocolLimits.MAX_BODY_BYTES) {
            throw new BodyTooLargeException(body.length, ProtocolLimits.MAX_BODY_BYTES);
        }
        TunnelRequest moved = ForwardedRequest.build(requestId, request, route, "",
                store.putRequestBody(requestId, body), uploadUrl);
        return new Outgoing(moved, MessageCodec.encodeToBytes(moved), request, route);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("body must be standard base64: " + e.getMessage(), e);
        }
    }

    /**
     * Both the wait and the row's answer cutoff count from {@code started}, when the request arrived: the
     * routing, the lookup and a body upload happen inside the deadline, and no answer is accepted that the
     * caller cannot receive.
     *
     * <p>A request that never reached an agent goes to the name's current connection instead: when the post
     * is answered 410, and when the agent answers that it is replacing this connection
     * ({@link ErrorCode#CONNECTION_RETIRED}, said of requests it did not relay).
     */
    private PublicResponse deliver(Outgoing outgoing, TunnelRoute route, Connection connection,
                                   PublicRequest request, Instant started, long startNanos, long holdUntilNanos) {
        String tunnelId = route.tunnelId();
        Instant due = started.plus(deadline);
        Connection target = connection;
        Set<String> passedOver = new HashSet<>();
        while (true) {
            Attempt attempt = attempt(outgoing, tunnelId, target, startNanos, due);
            if (attempt.response() != null) {
                return attempt.response();
            }
            passedOver.add(target.connectionId());
            directory.invalidate(tunnelId);
            Availability next = passedOver.size() < MAX_CONNECTIONS_TRIED
                    ? connectionFor(tunnelId, passedOver, holdUntilNanos) : new Availability(Optional.empty(), true);
            if (next.connection().isEmpty()) {
                return unavailable(next, tunnelId, request);
            }
            target = next.connection().get();
        }
    }

    /** How one try ended: with the caller's response, or null when the request never reached an agent. */
    private record Attempt(PublicResponse response) {
        static final Attempt NOT_DELIVERED = new Attempt(null);
    }

    /** Posts the request to {@code target} and waits for its answer. */
    private Attempt attempt(Outgoing outgoing, String tunnelId, Connection target, long startNanos, Instant due) {
        TunnelRequest message = outgoing.message();
        HeaderList callerHeaders = outgoing.callerHeaders();
        // Written again for each connection tried: only the answer of the one that has the request counts.
        pendingRequests.create(PendingRequest.waiting(message.requestId(), target.connectionId(),
                tunnelId, clock.instant(), due.minus(ANSWER_CUTOFF_MARGIN), due.plus(PENDING_ROW_GRACE)));
        try {
            agents.send(target.connectionId(), outgoing.json());
        } catch (AgentGoneException e) {
            LOG.log(System.Logger.Level.INFO, "the agent of tunnel {0} is gone; removing its connection", tunnelId);
            pendingRequests.forget(message.requestId());
            connections.remove(e.connectionId());
            return Attempt.NOT_DELIVERED;
        }
        long sentNanos = System.nanoTime();
        Instant sent = clock.instant();
        PollSchedule schedule = directory.expectedLatency(tunnelId)
                .map(PollSchedule::expecting).orElseGet(PollSchedule::withoutHistory);
        String targetId = target.connectionId();
        AnswerPoller.Outcome outcome;
        try {
            outcome = poller.await(message.requestId(), schedule, sentNanos, startNanos + deadline.toNanos(),
                    () -> connections.find(targetId).isPresent());
        } finally {
            pendingRequests.forget(message.requestId());
        }
        if (outcome.connectionLost()) {
            LOG.log(System.Logger.Level.INFO, "the agent of tunnel {0} left with a request in flight", tunnelId);
            directory.invalidate(tunnelId);
            return new Attempt(ErrorPage.render(Failure.AGENT_GONE, Failure.AGENT_GONE.detail(tunnelId),
                    callerHeaders));
        }
        Optional<AnswerPoller.Answer> answer = outcome.answer();
        if (answer.isEmpty()) {
            return new Attempt(ErrorPage.render(Failure.NO_ANSWER,
                    Failure.NO_ANSWER.detail(tunnelId, deadline.toSeconds()), callerHeaders));
        }
        Message decoded;
        try {
            decoded = AnswerTranslator.decode(answer.get().json());
        } catch (ProtocolException e) {
            return new Attempt(AnswerTranslator.unreadable(e, callerHeaders));
        }
        if (decoded instanceof ErrorMessage error && error.code() == ErrorCode.CONNECTION_RETIRED) {
            return Attempt.NOT_DELIVERED;
        }
        // A body carried through the store takes longer than the tunnel's usual answers; learning from it
        // would delay the first poll of the small requests that follow.
        if (message.bodyUrl() == null && !AnswerTranslator.usedBodyStore(decoded)) {
            // From the moment the answer was recorded, not when a read found it: a read can only find it
            // late, and learning from reads would let the estimate fall by a tenth at most per request.
            Duration latency = Duration.between(sent, answer.get().answeredAt());
            directory.recordLatency(tunnelId, latency.isNegative() ? Duration.ZERO : latency);
        }
        return new Attempt(answers.translate(decoded, message.requestId(), outgoing.route(), callerHeaders));
    }

    /** The tunnel's connection if one serves it, and whether a token holds its name. */
    private record Availability(Optional<Connection> connection, boolean nameHeld) {
    }

    /**
     * The tunnel's connection, other than those {@code gone}; when there is none and a token holds the name,
     * waits for one until {@code holdUntilNanos}, looking every {@link OfflineHold#POLL_INTERVAL}.
     */
    private Availability connectionFor(String tunnelId, Set<String> gone, long holdUntilNanos) {
        Optional<Connection> found = directory.lookup(tunnelId, gone);
        if (found.isPresent()) {
            return new Availability(found, true);
        }
        if (directory.isKnownOffline(tunnelId)) {
            return new Availability(found, true);
        }
        if (hold.holderOf().apply(tunnelId).isEmpty()) {
            return new Availability(found, false);
        }
        long pollNanos = OfflineHold.POLL_INTERVAL.toNanos();
        long now = System.nanoTime();
        while (holdUntilNanos - now > 0) {
            LockSupport.parkNanos(Math.min(pollNanos, holdUntilNanos - now));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            found = directory.lookup(tunnelId, gone);
            if (found.isPresent()) {
                return new Availability(found, true);
            }
            now = System.nanoTime();
        }
        directory.markOffline(tunnelId, clock.instant().plusSeconds(hold.retryAfterSeconds()));
        return new Availability(found, true);
    }

    /** 503 "tunnel offline" for a name a token holds, 404 for one nobody does. */
    private PublicResponse unavailable(Availability availability, String tunnelId, PublicRequest request) {
        if (!availability.nameHeld()) {
            return ErrorPage.render(Failure.TUNNEL_NOT_CONNECTED,
                    Failure.TUNNEL_NOT_CONNECTED.detail(tunnelId, addresses.describe(request)), request.headers());
        }
        PublicResponse page = ErrorPage.render(Failure.TUNNEL_OFFLINE,
                Failure.TUNNEL_OFFLINE.detail(tunnelId), request.headers());
        return new PublicResponse(page.status(),
                page.headers().with("Retry-After", Long.toString(hold.retryAfterSeconds())), page.body());
    }

    private String requestTooLarge(PublicRequest request, RuntimeException e) {
        long bodyBytes = e instanceof BodyTooLargeException tooLarge ? tooLarge.size() : decodedLength(request.body());
        if (e instanceof BodyTooLargeException || bodies.isPresent()) {
            return "The request body of " + bodyBytes + " bytes is too large for the tunnel, which carries at most "
                    + ProtocolLimits.MAX_BODY_BYTES + " bytes (Lambda's 6 MB payload limit, after base64).";
        }
        return "The request body of " + bodyBytes + " bytes is too large for the tunnel: a request must fit one "
                + ProtocolLimits.MAX_MESSAGE_BYTES + "-byte WebSocket message, and this one needs "
                + ((MessageTooLargeException) e).size() + ".";
    }

    /** The length of valid base64's bytes, without decoding them. */
    private static long decodedLength(String base64) {
        int data = base64.length();
        while (data > 0 && base64.charAt(data - 1) == '=') {
            data--;
        }
        return (long) data * 3 / 4;
    }

    private static Supplier<String> randomRequestIds(SecureRandom random) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }
}
