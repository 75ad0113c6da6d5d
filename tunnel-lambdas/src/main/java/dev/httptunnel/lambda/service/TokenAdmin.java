package dev.httptunnel.lambda.service;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.AgentGoneException;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.ConnectionStore;
import dev.httptunnel.lambda.port.NameTakenException;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.port.TokenStore;
import dev.httptunnel.protocol.TunnelId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the stack owner does with tokens: create, list, find, grant and ungrant names, revoke. The admin
 * command and the local gateway use it; the handlers never do. A token is referred to by its whole secret,
 * its hash, or its display prefix ({@code htun_Ab12Cd}, with or without the trailing ellipsis).
 */
public final class TokenAdmin {

    /** 36^12 random names make a collision all but impossible; a few draws make it harmless. */
    static final int MAX_NAME_DRAWS = 5;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** A new token, whose secret is shown this once and stored nowhere. */
    public record CreatedToken(AgentToken token, TokenRecord record) {
    }

    /** A revoked token and the connections that were closed for it. */
    public record Revocation(TokenRecord token, List<String> closedConnections) {
    }

    private final TokenStore tokens;
    private final ConnectionStore connections;
    private final AgentChannel agents;
    private final Clock clock;
    private final Supplier<AgentToken> newTokens;
    private final Supplier<String> newNames;

    public TokenAdmin(TokenStore tokens, ConnectionStore connections, AgentChannel agents, Clock clock) {
        this(tokens, connections, agents, clock, new SecureRandom());
    }

    private TokenAdmin(TokenStore tokens, ConnectionStore connections, AgentChannel agents, Clock clock,
                       SecureRandom random) {
        this(tokens, connections, agents, clock, () -> AgentToken.generate(random), () -> TunnelId.random(random));
    }

    TokenAdmin(TokenStore tokens, ConnectionStore connections, AgentChannel agents, Clock clock,
               Supplier<AgentToken> newTokens, Supplier<String> newNames) {
        this.tokens = tokens;
        this.connections = connections;
        this.agents = agents;
        this.clock = clock;
        this.newTokens = newTokens;
        this.newNames = newNames;
    }

    /**
     * A new token with {@code defaultName} (a random 12-character name when empty) and {@code grants}; its
     * exact grants are claimed at once.
     *
     * @throws NameTakenException naming the first name (default or granted) that another token holds
     * @throws IllegalArgumentException when the default name breaks the rules of a tunnel name
     */
    public CreatedToken create(Optional<String> defaultName, List<NamePattern> grants) {
        defaultName.ifPresent(TunnelName::require);
        List<NamePattern> distinct = List.copyOf(new LinkedHashSet<>(grants));
        // Checked before anything is written, so a refused create leaves nothing behind.
        for (NamePattern grant : distinct) {
            if (grant.isExact() && tokens.holderOf(grant.text()).isPresent()) {
                throw new NameTakenException(grant.text());
            }
        }
        AgentToken token = newTokens.get();
        TokenRecord record = store(token, defaultName, distinct);
        for (NamePattern grant : distinct) {
            if (grant.isExact() && !tokens.claimName(record.hash(), grant.text())) {
                // Another token claimed it since the check: this one, never shown to anyone, is useless.
                tokens.revoke(record.hash(), clock.instant());
                throw new NameTakenException(grant.text());
            }
        }
        return new CreatedToken(token, require(record.hash()));
    }

    /**
     * Stores {@code token}, a secret made outside this admin and kept by its owner, with {@code defaultName}
     * and no grants: the local gateway's development token outlives an in-memory store this way, so its
     * tunnel keeps its name and URL from one start to the next.
     *
     * @throws NameTakenException when another token holds {@code defaultName}
     */
    public CreatedToken register(AgentToken token, String defaultName) {
        TunnelName.require(defaultName);
        return new CreatedToken(token, store(token, Optional.of(defaultName), List.of()));
    }

    /** Every token, oldest first. */
    public List<TokenRecord> list() {
        return tokens.list().stream().sorted(Comparator.comparing(TokenRecord::createdAt)).toList();
    }

    /**
     * The token {@code reference} names: its secret, its hash or its display prefix.
     *
     * @throws NoSuchTokenException when a display prefix matches several tokens
     */
    public Optional<TokenRecord> find(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String text = reference.strip();
        if (AgentToken.problem(text) == null) {
            return tokens.find(AgentToken.parse(text).hash());
        }
        if (HASH.matcher(text).matches()) {
            return tokens.find(text);
        }
        String shown = withoutEllipsis(text);
        if (!shown.startsWith(AgentToken.PREFIX) || shown.length() == AgentToken.PREFIX.length()) {
            return Optional.empty();
        }
        List<TokenRecord> matches = tokens.list().stream()
                .filter(token -> withoutEllipsis(token.displayPrefix()).startsWith(shown)).toList();
        if (matches.size() > 1) {
            throw new NoSuchTokenException(shown(reference), "matches " + matches.size() + " tokens: give more of it");
        }
        return matches.stream().findFirst();
    }

    /**
     * Lets the token serve the names {@code grant} matches; an exact name is claimed now.
     *
     * @throws NameTakenException when the exact name belongs to another token
     * @throws IllegalStateException when the token is revoked
     */
    public TokenRecord grant(String reference, NamePattern grant) {
        TokenRecord token = resolve(reference);
        if (token.isRevoked()) {
            throw new IllegalStateException("token " + token.displayPrefix() + " is revoked; grant to another one");
        }
        if (token.grants().contains(grant)) {
            return token;
        }
        if (grant.isExact() && !tokens.claimName(token.hash(), grant.text())) {
            throw new NameTakenException(grant.text());
        }
        var grants = new ArrayList<>(token.grants());
        grants.add(grant);
        tokens.setGrants(token.hash(), grants);
        return require(token.hash());
    }

    /**
     * Withdraws a grant. Names already claimed through it stay the token's (a name is one token's, ever),
     * but the token may no longer serve them.
     *
     * @throws IllegalArgumentException when the token has no such grant
     */
    public TokenRecord ungrant(String reference, NamePattern grant) {
        TokenRecord token = resolve(reference);
        if (!token.grants().contains(grant)) {
            throw new IllegalArgumentException("token " + token.displayPrefix() + " has no grant '" + grant
                    + "'; its grants: " + token.grants());
        }
        var grants = new ArrayList<>(token.grants());
        grants.remove(grant);
        tokens.setGrants(token.hash(), grants);
        return require(token.hash());
    }

    /**
     * Revokes the token, so its next connects are refused with 403, and closes its live connections: for
     * each name it holds, every connection serving that name with this token.
     */
    public Revocation revoke(String reference) {
        TokenRecord token = resolve(reference);
        tokens.revoke(token.hash(), clock.instant());
        List<String> closed = new ArrayList<>();
        for (String name : token.names()) {
            for (Connection connection : connections.findByTunnel(name)) {
                if (connection.tokenHash().equals(token.hash())) {
                    try {
                        agents.disconnect(connection.connectionId());
                        closed.add(connection.connectionId());
                    } catch (AgentGoneException alreadyClosed) {
                        // Its row outlived the socket; $disconnect or the forwarding handler removes it.
                    }
                }
            }
        }
        return new Revocation(require(token.hash()), List.copyOf(closed));
    }

    private TokenRecord store(AgentToken token, Optional<String> defaultName, List<NamePattern> grants) {
        for (int draw = 1; ; draw++) {
            String name = defaultName.orElseGet(newNames);
            TokenRecord record = TokenRecord.created(token.hash(), token.displayPrefix(), name, grants,
                    clock.instant());
            try {
                tokens.create(record);
                return record;
            } catch (NameTakenException taken) {
                if (defaultName.isPresent() || draw == MAX_NAME_DRAWS) {
                    throw taken;
                }
            }
        }
    }

    private TokenRecord resolve(String reference) {
        return find(reference).orElseThrow(() -> new NoSuchTokenException(shown(reference),
                "is no token's secret, hash or display prefix (see the token list)"));
    }

    /** What an error may repeat of a reference: no more of something that may be a secret than its prefix. */
    private static String shown(String reference) {
        int prefix = AgentToken.PREFIX.length() + AgentToken.SHOWN;
        return reference != null && reference.startsWith(AgentToken.PREFIX) && reference.length() > prefix
                ? reference.substring(0, prefix) + "…" : reference;
    }

    private TokenRecord require(String hash) {
        return tokens.find(hash).orElseThrow(() -> new IllegalStateException("token " + hash + " vanished"));
    }

    private static String withoutEllipsis(String text) {
        if (text.endsWith("…")) {
            return text.substring(0, text.length() - 1);
        }
        return text.endsWith("...") ? text.substring(0, text.length() - 3) : text;
    }
}
