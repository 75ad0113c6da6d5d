package dev.httptunnel.agent.connection;

import dev.httptunnel.agent.AgentSettings;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.agent.relay.ErrorAnswers;
import dev.httptunnel.agent.relay.FailureCause;
import dev.httptunnel.agent.relay.RelayOutcome;
import dev.httptunnel.agent.relay.RequestDispatcher;
import dev.httptunnel.protocol.AnswerCheck;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ConnectionReplaced;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.MissingAnswers;
import dev.httptunnel.protocol.Ping;
import dev.httptunnel.protocol.Pong;
import dev.httptunnel.protocol.ProtocolException;
import dev.httptunnel.protocol.Ready;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import dev.httptunnel.protocol.WireText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the service, from {@code ready} to close: it answers requests through the
 * relay, sends heartbeats, and ends itself when the service falls silent (a half-open socket), when the
 * handshake does not finish in time, or when the socket closes. It never reconnects; the loop does.
 * Public only because Jetty requires endpoint classes to be.
 */
public final class TunnelConnection implements Session.Listener.AutoDemanding {

    private static final String RETIRED = "replaced by a new connection before the service's connection limit";

    /**
     * A retiring connection closes once no request has reached it for this long, so that the service's warm
     * forwarding functions, told by a {@link ErrorCode#CONNECTION_RETIRED} answer, have moved to the new one.
     */
    static final Duration RETIRE_QUIET = Duration.ofMillis(300);
    private static final long RETIRE_CHECK_MILLIS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);

    private final AgentSettings settings;
    private final RequestDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final ConnectionStatus status;
    /** Whether this agent's previous connection is still open as this one opens: a rotation, no new agent. */
    private final boolean successor;
    private final CompletableFuture<ConnectionEstablished> established = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final UnconfirmedAnswers unconfirmed = new UnconfirmedAnswers();
    private final AtomicBoolean checkScheduled = new AtomicBoolean();
    private volatile boolean retiring;
    private volatile String idleCloseReason = RETIRED;
    /**
     * When the last request arrived or the last answer was sent, or the connection began to close if later:
     * the service's route records an answer while {@code $disconnect} runs, and a forwarder that finds the
     * connection gone before the answer is recorded tells its caller 502 agent_gone.
     */
    private volatile long quietSinceNanos = System.nanoTime();
    private final AtomicInteger passedOn = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Consumer<Message> successorSender;
    private volatile Session session;
    private volatile FragmentingSender sender;
    private volatile long lastReceivedNanos;

    TunnelConnection(AgentSettings settings, RequestDispatcher dispatcher, ScheduledExecutorService scheduler,
                     ConnectionStatus status, boolean successor) {
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.status = status;
        this.successor = successor;
    }

    /** Completes with the tunnel once the service answers {@code ready}; fails if the connection ends first. */
    CompletableFuture<ConnectionEstablished> established() {
        return established;
    }

    /** Completes, with the reason in words, when this connection is over. */
    CompletableFuture<String> ended() {
        return ended;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.sender = new FragmentingSender(session);
        this.lastReceivedNanos = System.nanoTime();
        sendQuietly(successor ? Ready.successorOf(settings.agentVersion()) : Ready.of(settings.agentVersion()));
        timers.add(scheduler.schedule(this::checkHandshake, settings.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        long heartbeat = settings.heartbeatInterval().toMillis();
        timers.add(scheduler.scheduleAtFixedRate(() -> sendQuietly(new Ping()), heartbeat, heartbeat,
                TimeUnit.MILLISECONDS));
        long check = Math.max(10, settings.readTimeout().toMillis() / 4);
        timers.add(scheduler.scheduleAtFixedRate(this::checkSilence, check, check, TimeUnit.MILLISECONDS));
        if (ended.isDone()) {
            cancelTimers();
        }
    }

    @Override
    public void onWebSocketText(String text) {
        lastReceivedNanos = System.nanoTime();
        Message message;
        try {
            message = MessageCodec.decode(text);
        } catch (ProtocolException unreadable) {
            Optional<String> notice = UnreadableMessage.gatewayNotice(text);
            if (notice.isPresent()) {
                // A message refused by the stage throttle, or whose route failed: which one, it does not say.
                if (notice.get().equals("Too Many Requests")) {
                    LOG.debug("API Gateway refused a message: Too Many Requests");
                } else {
                    LOG.warn("API Gateway says: {}", WireText.quote(notice.get()));
                }
                if (unconfirmed.refused()) {
                    scheduleCheck();
                }
                return;
            }
            LOG.warn("Unreadable message from the service: {}", WireText.quote(unreadable.getMessage()));
            sendQuietly(UnreadableMessage.reply(text, unreadable));
            return;
        }
        if (message instanceof TunnelRequest request) {
            quietSinceNanos = System.nanoTime();
            if (retiring) {
                // Not relayed, so the service may send it to the tunnel's newer connection (or hold it). Once
                // this side has sent its close frame it can send nothing more here: the successor says it.
                passedOn.incrementAndGet();
                Message passed = ErrorMessage.forRequest(request.requestId(), ErrorCode.CONNECTION_RETIRED,
                        "this connection is closing; send the request to the tunnel's current connection");
                Consumer<Message> aside = successorSender;
                if (closing.get() && aside != null) {
                    aside.accept(passed);
                } else {
                    sendQuietly(passed);
                }
                return;
            }
            inFlight.incrementAndGet();
            dispatcher.dispatch(request, this::answer);
        } else if (message instanceof Ping) {
            sendQuietly(new Pong());
        } else if (message instanceof ConnectionEstablished tunnel) {
            if (!established.complete(tunnel)) {
                LOG.warn("Ignoring a second connection_established for tunnel {}", tunnel.tunnelId());
            }
        } else if (message instanceof ConnectionReplaced replaced) {
            onReplaced(replaced);
        } else if (message instanceof MissingAnswers missing) {
            resend(missing);
        } else if (message instanceof ErrorMessage error) {
            onServiceError(error);
        } else if (!(message instanceof Pong)) {
            sendQuietly(ErrorMessage.general(ErrorCode.INVALID_MESSAGE, "the agent does not accept "
                    + message.getClass().getSimpleName() + " messages"));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end(ConnectionNews.closedByService(statusCode, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end("connection error: " + FailureCause.describe(cause));
    }

    /** Closes with a normal close frame; {@link #ended()} completes when the service acknowledges. */
    void close(String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(StatusCode.NORMAL, reason, Callback.NOOP);
        } else if (current == null) {
            end(reason);
        }
    }

    /** Drops the socket without a close handshake, for a connection that no longer answers. */
    void abort(String reason) {
        end(reason);
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }

    /**
     * Stops using this connection: it closes once its in-flight requests are answered (or after the local
     * timeout), so requests relayed on it still get their answers on it.
     */
    void retire(Consumer<Message> successor) {
        this.successorSender = successor;
        closeWhenIdle(RETIRED);
    }

    /**
     * Takes no more requests (each is answered {@link ErrorCode#CONNECTION_RETIRED}, unrelayed) and closes
     * once the requests in flight are answered, each answer sent before the close frame (and sent again if the
     * stage throttle refused it), and no request has arrived nor answer left for {@link #RETIRE_QUIET}; after
     * the local timeout at the latest. An agent stopping (Ctrl-C, SIGTERM)
     * or replacing its connection leaves no caller without the answer its app gave.
     */
    void closeWhenIdle(String reason) {
        idleCloseReason = reason;
        quietSinceNanos = System.nanoTime();
        retiring = true;
        if (ended.isDone()) {
            return;
        }
        long latest = System.nanoTime() + settings.localTimeout().plusSeconds(1).toNanos();
        timers.add(scheduler.scheduleAtFixedRate(() -> closeIfIdle(latest), 0, RETIRE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS));
        if (ended.isDone()) {
            cancelTimers();
        }
    }

    /** How many requests are being relayed on this connection now. */
    int inFlight() {
        return inFlight.get();
    }

    /** How many requests this connection passed on unrelayed since it began to close. */
    int passedOn() {
        return passedOn.get();
    }

    private void closeIfIdle(long latestNanos) {
        long now = System.nanoTime();
        // A check still out may name answers to send again here, on the connection their requests went to.
        boolean idle = inFlight.get() == 0 && now - quietSinceNanos >= RETIRE_QUIET.toNanos()
                && !unconfirmed.checking();
        if ((idle || now - latestNanos >= 0) && closing.compareAndSet(false, true)) {
            close(idleCloseReason);
        }
    }

    /**
     * Sends the single answer to {@code request}. Called on the local HTTP client's selector thread, or on
     * a relay worker once a body transfer is over: only the answer's own frames are sent under the sender's
     * lock, never a body transfer, and nothing here waits for the network.
     */
    private void answer(TunnelRequest request, RelayOutcome outcome, long receivedAtNanos) {
        Message sent = outcome.answer();
        try {
            String text = outcome.encodedAnswer() != null ? outcome.encodedAnswer() : MessageCodec.encode(sent);
            sendAnswer(request.requestId(), text).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("Could not send the answer to {} {}: {}", request.method(), request.path(),
                            FailureCause.describe(failure));
                }
            });
        } catch (MessageTooLargeException tooLarge) {
            sent = ErrorAnswers.tooLargeToSend(request, tooLarge);
            sendAnswer(request.requestId(), MessageCodec.encode(sent));
        }
        quietSinceNanos = System.nanoTime();
        status.requestAnswered(logEntry(request, sent, outcome, receivedAtNanos));
        inFlight.decrementAndGet();
    }

    /** Sends an answer, kept until it is known not to need sending again. */
    private CompletableFuture<Void> sendAnswer(String requestId, String text) {
        unconfirmed.sent(requestId, text);
        return sender.sendText(text);
    }

    private void scheduleCheck() {
        if (!ended.isDone() && checkScheduled.compareAndSet(false, true)) {
            timers.add(scheduler.schedule(this::check, unconfirmed.nextCheckDelay().toMillis(),
                    TimeUnit.MILLISECONDS));
            timers.removeIf(Future::isDone);
        }
    }

    /** Asks the service which suspect answers it lacks; again later while any remain unasked or unanswered. */
    private void check() {
        checkScheduled.set(false);
        AnswerCheck check = unconfirmed.nextCheck();
        if (check != null) {
            sendQuietly(check);
        }
        if (unconfirmed.checking()) {
            scheduleCheck();
        }
    }

    private void resend(MissingAnswers missing) {
        UnconfirmedAnswers.Resend resend = unconfirmed.missing(missing.requestIds());
        for (String text : resend.answers()) {
            sender.sendText(text).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.debug("Could not resend an answer: {}", FailureCause.describe(failure));
                }
            });
        }
        if (!resend.answers().isEmpty()) {
            LOG.info("Sent {} answer(s) again that the service's throttle had refused", resend.answers().size());
        }
        if (resend.givenUp() > 0) {
            LOG.warn("Gave up on {} answer(s) the service's throttle kept refusing", resend.givenUp());
        }
        if (unconfirmed.checking()) {
            scheduleCheck();
        }
    }

    private static RequestLogEntry logEntry(TunnelRequest request, Message answer, RelayOutcome outcome,
                                            long receivedAtNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - receivedAtNanos);
        if (answer instanceof TunnelResponse response) {
            return new RequestLogEntry(request.method(), request.target(), response.status(), null, took,
                    outcome.requestBodyBytes(), outcome.responseBodyBytes());
        }
        ErrorCode code = answer instanceof ErrorMessage error ? error.code() : ErrorCode.AGENT_ERROR;
        return new RequestLogEntry(request.method(), request.target(), 0, code, took, outcome.requestBodyBytes(), 0);
    }

    /**
     * The service's notice that another agent took the name. It can only come from the service, on this
     * connection's own socket: requests carry a caller's words inside a {@code http_request}, never as a message
     * of their own. A notice for another tunnel than this connection's is ignored.
     */
    private void onReplaced(ConnectionReplaced replaced) {
        if (ended.isDone()) {
            return;
        }
        ConnectionEstablished tunnel = established.isDone() && !established.isCompletedExceptionally()
                ? established.join() : null;
        if (tunnel != null && !tunnel.tunnelId().equals(replaced.tunnelId())) {
            LOG.warn("Ignoring a connection_replaced for tunnel {}, not this connection's {}",
                    replaced.tunnelId(), tunnel.tunnelId());
            return;
        }
        String where = tunnel == null ? "tunnel " + replaced.tunnelId() : tunnel.publicUrls().get(0);
        status.replaced(ConnectionNews.replaced(where));
    }

    private void onServiceError(ErrorMessage error) {
        if (!established.isDone()) {
            abort("the service refused the agent: " + error.code().wireName() + ": " + error.message());
        } else {
            LOG.warn("The service reported {}{}: {}", error.code().wireName(),
                    error.requestId() == null ? "" : " for request " + error.requestId(), error.message());
        }
    }

    private void checkHandshake() {
        if (!established.isDone()) {
            abort("no connection_established within " + settings.handshakeTimeout().toMillis() + " ms of ready");
        }
    }

    private void checkSilence() {
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReceivedNanos);
        if (silentMillis > settings.readTimeout().toMillis()) {
            abort("no message from the service for " + silentMillis + " ms (read timeout "
                    + settings.readTimeout().toMillis() + " ms): the connection is half-open");
        }
    }

    /** Sends without waiting; a failure is logged, never thrown. */
    void sendQuietly(Message message) {
        FragmentingSender current = sender;
        if (current == null) {
            return;
        }
        current.send(message).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debug("Could not send {}: {}", message.getClass().getSimpleName(), failure.getMessage());
            }
        });
    }

    private void end(String reason) {
        if (ended.complete(reason)) {
            cancelTimers();
            established.completeExceptionally(new IllegalStateException(reason));
        }
    }

    private void cancelTimers() {
        timers.forEach(timer -> timer.cancel(false));
    }
}
