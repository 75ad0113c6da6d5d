package dev.httptunnel.lambda.service;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.ConnectRefusal;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.port.TokenStore;
import dev.httptunnel.protocol.WireText;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides at {@code $connect} whether an agent may open a tunnel, and under which name: its token must be
 * well formed, known and not revoked (else 401 or 403), and the name it asks for must be its default name or
 * one its grants match and no other token holds (else 409). A name granted by a pattern is claimed on its
 * first use. Both header values come from the wire and are hostile: they are checked before any lookup and
 * never logged raw, and a token is never logged at all, only its display prefix.
 *
 * <p>Per admitted connect: one strongly consistent read of the token, one conditional write of the tunnel
 * claim and one write of the connection row, one write of the token's last use; on the first use of a
 * pattern-granted name also one read and two writes of the claim.
 */
public final class AgentAdmission {

    private final TokenStore tokens;
    private final TunnelRegistry registry;
    private final Clock clock;

    public AgentAdmission(TokenStore tokens, TunnelRegistry registry, Clock clock) {
        this.tokens = tokens;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param authorization the upgrade's {@code Authorization} header, null when absent
     * @param requestedName the upgrade's {@code X-Tunnel-Name} header, null when absent
     */
    public Admission admit(String connectionId, String authorization, String requestedName) {
        if (authorization == null) {
            return refuse(ConnectRefusal.UNKNOWN_TOKEN, "no " + AgentToken.HEADER + " header");
        }
        Optional<AgentToken> token = AgentToken.fromAuthorization(authorization);
        if (token.isEmpty()) {
            // Not even quoted: a mistyped token may still be most of a real secret.
            return refuse(ConnectRefusal.UNKNOWN_TOKEN, "a malformed " + AgentToken.HEADER + " header ("
                    + authorization.length() + " characters)");
        }
        String shown = token.get().displayPrefix();
        Optional<TokenRecord> found = tokens.find(token.get().hash());
        if (found.isEmpty()) {
            return refuse(ConnectRefusal.UNKNOWN_TOKEN, "unknown token " + shown);
        }
        TokenRecord record = found.get();
        if (record.isRevoked()) {
            return refuse(ConnectRefusal.REVOKED_TOKEN, "token " + shown + " was revoked at " + record.revokedAt().get());
        }
        String name = requestedName == null ? record.defaultName() : requestedName;
        if (!TunnelName.isValid(name)) {
            return refuse(ConnectRefusal.NAME_REFUSED, "token " + shown + " asked for " + WireText.quote(name)
                    + ": " + TunnelName.RULES);
        }
        if (!record.isGranted(name)) {
            return refuse(ConnectRefusal.NAME_REFUSED, "token " + shown + " asked for '" + name
                    + "', which is not granted to it");
        }
        if (!record.names().contains(name) && !tokens.claimName(record.hash(), name)) {
            return refuse(ConnectRefusal.NAME_REFUSED, "token " + shown + " asked for '" + name
                    + "', which another token holds");
        }
        Optional<Connection> opened = registry.open(connectionId, name, record.hash());
        if (opened.isEmpty()) {
            // Only a connection from before tokens can hold a token's name: names are never shared.
            return refuse(ConnectRefusal.NAME_REFUSED, "token " + shown + " asked for '" + name
                    + "', which a live connection of another token serves");
        }
        tokens.recordUse(record.hash(), clock.instant());
        return new Admission.Admitted(opened.get(), shown);
    }

    private static Admission refuse(ConnectRefusal refusal, String reason) {
        return new Admission.Refused(refusal, reason);
    }
}
