package dev.httptunnel.lambda.service;

import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.AgentGoneException;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.protocol.AnswerCheck;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ConnectionReplaced;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MissingAnswers;
import dev.httptunnel.protocol.Ping;
import dev.httptunnel.protocol.Pong;
import dev.httptunnel.protocol.ProtocolException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.Ready;
import dev.httptunnel.protocol.TunnelResponse;
import dev.httptunnel.protocol.WireText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Handles what an agent sends on its connection: the {@code ready} handshake (which retires another agent's
 * connection to the same name), answers to public
 * requests, checks for answers the stage throttle may have refused, and heartbeats. Bad input is answered
 * with an {@code error} message, never an exception.
 */
public final class AgentMessageService {

    private static final System.Logger LOG = System.getLogger(AgentMessageService.class.getName());

    private final ConnectionStore connections;
    private final PendingRequestStore pendingRequests;
    private final AgentChannel agents;
    private final Function<String, List<String>> publicUrls;
    private final Duration connectionLimit;
    private final Clock clock;

    /** @param publicUrls the public URLs of a tunnel id */
    public AgentMessageService(ConnectionStore connections, PendingRequestStore pendingRequests, AgentChannel agents,
                               Function<String, List<String>> publicUrls, Clock clock) {
        this(connections, pendingRequests, agents, publicUrls, ProtocolLimits.MAX_CONNECTION_DURATION, clock);
    }

    /**
     * @param connectionLimit how long the WebSocket API keeps a connection open, told to agents so they
     *     replace theirs in time: API Gateway's hard limit, or a local gateway's shorter one
     */
    public AgentMessageService(ConnectionStore connections, PendingRequestStore pendingRequests, AgentChannel agents,
                               Function<String, List<String>> publicUrls, Duration connectionLimit, Clock clock) {
        this.connectionLimit = connectionLimit;
        this.connections = connections;
        this.pendingRequests = pendingRequests;
        this.agents = agents;
        this.publicUrls = publicUrls;
        this.clock = clock;
    }

    public void handle(String connectionId, String body) {
        Message message;
        try {
            message = MessageCodec.decode(body);
        } catch (ProtocolException e) {
            // Quoted: the reason repeats the agent's own text, which must not start a forged log line.
            LOG.log(System.Logger.Level.WARNING, "connection {0} sent an unreadable message: {1}",
                    connectionId, WireText.quote(e.getMessage()));
            reply(connectionId, ErrorMessage.general(ErrorCode.INVALID_MESSAGE, e.getMessage()));
            return;
        }
        if (message instanceof Ready ready) {
            announceTunnel(connectionId, ready);
        } else if (message instanceof TunnelResponse response) {
            recordAnswer(connectionId, response.requestId(), body);
        } else if (message instanceof ErrorMessage error && error.requestId() != null
                && error.code() == ErrorCode.CONNECTION_RETIRED) {
            recordPassedOn(connectionId, error.requestId(), body);
        } else if (message instanceof ErrorMessage error && error.requestId() != null) {
            recordAnswer(connectionId, error.requestId(), body);
        } else if (message instanceof ErrorMessage error) {
            LOG.log(System.Logger.Level.WARNING, "connection {0} reported {1}: {2}", connectionId,
                    error.code().wireName(), WireText.quote(error.message()));
        } else if (message instanceof AnswerCheck check) {
            reply(connectionId, missingAnswers(connectionId, check));
        } else if (message instanceof Ping) {
            reply(connectionId, new Pong());
        } else if (!(message instanceof Pong)) {
            reply(connectionId, ErrorMessage.general(ErrorCode.INVALID_MESSAGE,
                    "agents may not send '" + message.getClass().getSimpleName() + "' messages"));
        }
    }

    private void announceTunnel(String connectionId, Ready ready) {
        Connection connection = connections.find(connectionId).orElse(null);
        if (connection == null) {
            LOG.log(System.Logger.Level.ERROR, "connection {0} said ready but has no tunnel", connectionId);
            reply(connectionId, ErrorMessage.general(ErrorCode.INTERNAL_ERROR,
                    "this connection has no tunnel; reconnect to get one"));
            return;
        }
        reply(connectionId, new ConnectionEstablished(connection.tunnelId(),
                publicUrls.apply(connection.tunnelId()), Math.max(1, connectionLimit.toSeconds())));
        if (ready.replacesOthers()) {
            replaceOthers(connection);
        }
    }

    /**
     * A new agent for the name (not a successor of the agent's own connection): every other live connection of
     * the name and token is told {@link ConnectionReplaced} and closed, so the agent left behind stops instead
     * of taking the name back at its next rotation. One index query per such {@code ready}, none on a rotation;
     * a connection already gone (410) is skipped, as its row outlived its socket.
     */
    private void replaceOthers(Connection newest) {
        for (Connection other : connections.findByTunnel(newest.tunnelId())) {
            if (other.connectionId().equals(newest.connectionId()) || !other.tokenHash().equals(newest.tokenHash())) {
                continue;
            }
            try {
                agents.send(other.connectionId(), new ConnectionReplaced(newest.tunnelId()));
                agents.disconnect(other.connectionId());
                // Connection ids address agents on the Management API: not at INFO.
                LOG.log(System.Logger.Level.INFO, "a new agent replaced an earlier one for tunnel {0}",
                        newest.tunnelId());
                LOG.log(System.Logger.Level.DEBUG, "connection {0} replaced {1}", newest.connectionId(),
                        other.connectionId());
            } catch (AgentGoneException alreadyClosed) {
                LOG.log(System.Logger.Level.DEBUG, "connection {0}, replaced, was already gone",
                        other.connectionId());
            } catch (RuntimeException e) {
                // The new agent has its tunnel already; one connection left open must not fail its ready.
                LOG.log(System.Logger.Level.WARNING, "could not close connection {0}, replaced by {1}: {2}",
                        other.connectionId(), newest.connectionId(), e.toString());
            }
        }
    }

    private void recordAnswer(String connectionId, String requestId, String answerJson) {
        if (!pendingRequests.answer(requestId, connectionId, answerJson, clock.instant())) {
            LOG.log(System.Logger.Level.WARNING,
                    "refused answer from {0} to request {1}: unknown, already answered, past its deadline, "
                            + "or sent to another connection", connectionId, WireText.quote(requestId));
            reply(connectionId, ErrorMessage.forRequest(requestId, ErrorCode.UNKNOWN_REQUEST,
                    "request " + requestId + " is unknown, already answered, past its deadline, "
                            + "or not this connection's"));
        }
    }

    /**
     * Of the checked requests, those this connection still owes an answer, within their deadline: one
     * strongly consistent read each. Another connection's requests are never named, so no agent learns
     * anything of a request that is not its own.
     */
    private MissingAnswers missingAnswers(String connectionId, AnswerCheck check) {
        Instant now = clock.instant();
        return new MissingAnswers(check.requestIds().stream().distinct()
                .filter(id -> pendingRequests.find(id).filter(r -> r.acceptsAnswer(connectionId, now)).isPresent())
                .toList());
    }

    /**
     * A request the agent did not relay: from the connection it went to, or, when that one had begun to close,
     * from another connection of the same tunnel (one read of the connection, in that rare case only).
     */
    private void recordPassedOn(String connectionId, String requestId, String answerJson) {
        Instant now = clock.instant();
        if (pendingRequests.answer(requestId, connectionId, answerJson, now)) {
            return;
        }
        Connection connection = connections.find(connectionId).orElse(null);
        if (connection == null || !pendingRequests.passOn(requestId, connection.tunnelId(), answerJson, now)) {
            LOG.log(System.Logger.Level.DEBUG, "passed-on request {0} from {1} was refused",
                    WireText.quote(requestId), connectionId);
        }
    }

    private void reply(String connectionId, Message message) {
        try {
            agents.send(connectionId, message);
        } catch (AgentGoneException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection {0} left before its reply", connectionId);
        }
    }
}
