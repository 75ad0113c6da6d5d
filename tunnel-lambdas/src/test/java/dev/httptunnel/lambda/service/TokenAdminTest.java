package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.adapter.memory.InMemoryConnectionStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryTokenStore;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.port.NameTakenException;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.support.MutableClock;
import dev.httptunnel.lambda.support.RecordingAgents;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The owner's token operations, on in-memory stores. */
class TokenAdminTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore(clock);
    private final RecordingAgents agents = new RecordingAgents();
    private final TokenAdmin admin = new TokenAdmin(tokens, connections, agents, clock);

    private TokenAdmin withNames(String... names) {
        Iterator<String> drawn = List.of(names).iterator();
        SecureRandom random = new SecureRandom();
        return new TokenAdmin(tokens, connections, agents, clock, () -> AgentToken.generate(random), drawn::next);
    }

    @Test
    void create_drawsARandomDefaultName_andStoresOnlyTheHash() {
        TokenAdmin.CreatedToken created = admin.create(Optional.empty(), List.of());

        assertThat(created.record().defaultName()).matches("[a-z0-9]{12}");
        assertThat(created.record().hash()).isEqualTo(created.token().hash()).doesNotContain(created.token().secret());
        assertThat(created.record().displayPrefix()).isEqualTo(created.token().displayPrefix());
        assertThat(created.record().createdAt()).isEqualTo(clock.instant());
        assertThat(created.toString()).doesNotContain(created.token().secret());
        assertThat(tokens.holderOf(created.record().defaultName())).contains(created.token().hash());
    }

    @Test
    void create_drawsAgain_whenTheRandomNameIsTaken() {
        admin.create(Optional.of("taken123name"), List.of());

        TokenRecord second = withNames("taken123name", "freefreefree").create(Optional.empty(), List.of()).record();

        assertThat(second.defaultName()).isEqualTo("freefreefree");
    }

    @Test
    void create_withADefaultName_refusesOneAnotherTokenHolds() {
        admin.create(Optional.of("shop"), List.of());

        assertThatThrownBy(() -> admin.create(Optional.of("shop"), List.of()))
                .isInstanceOf(NameTakenException.class).hasMessageContaining("'shop'");
        assertThat(tokens.list()).hasSize(1);
    }

    @Test
    void create_refusesADefaultNameThatIsNoTunnelName_statingTheRules() {
        assertThatThrownBy(() -> admin.create(Optional.of("Shop!"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS label")
                .hasMessageContaining("'Shop!'");
        assertThat(tokens.list()).isEmpty();
    }

    @Test
    void register_storesAKeptSecretsHashUnderTheGivenName_andRefusesANameAnotherHolds() {
        AgentToken kept = AgentToken.generate(new SecureRandom());
        admin.create(Optional.of("shop"), List.of());

        TokenAdmin.CreatedToken registered = admin.register(kept, "kept-name");

        assertThat(registered.record().hash()).isEqualTo(kept.hash());
        assertThat(admin.find(kept.secret()).map(TokenRecord::defaultName)).contains("kept-name");
        assertThatThrownBy(() -> admin.register(AgentToken.generate(new SecureRandom()), "shop"))
                .isInstanceOf(NameTakenException.class);
        assertThat(tokens.list()).hasSize(2);
    }

    @Test
    void create_claimsExactGrantsAtOnce_andPatternsOnlyOnUse() {
        TokenRecord record = admin.create(Optional.empty(), List.of(NamePattern.of("shop"),
                NamePattern.of("alice-*"))).record();

        assertThat(record.names()).containsExactlyInAnyOrder(record.defaultName(), "shop");
        assertThat(record.grants()).containsExactly(NamePattern.of("shop"), NamePattern.of("alice-*"));
        assertThat(tokens.holderOf("shop")).contains(record.hash());
    }

    @Test
    void create_refusesAnExactGrantAnotherTokenHolds_namingIt_andCreatesNothing() {
        admin.create(Optional.of("shop"), List.of());

        assertThatThrownBy(() -> admin.create(Optional.empty(), List.of(NamePattern.of("cafe"), NamePattern.of("shop"))))
                .isInstanceOf(NameTakenException.class).hasMessageContaining("'shop'");

        assertThat(tokens.list()).hasSize(1);
        assertThat(tokens.holderOf("cafe")).isEmpty();
    }

    @Test
    void list_showsEveryTokenOldestFirst() {
        TokenRecord first = admin.create(Optional.of("first"), List.of()).record();
        clock.advance(Duration.ofMinutes(1));
        TokenRecord second = admin.create(Optional.of("second"), List.of()).record();

        assertThat(admin.list()).containsExactly(first, second);
    }

    @Test
    void find_acceptsTheSecret_theHash_orTheDisplayPrefix_withOrWithoutItsEllipsis() {
        TokenAdmin.CreatedToken created = admin.create(Optional.empty(), List.of());
        TokenRecord record = created.record();
        String shown = record.displayPrefix();

        assertThat(admin.find(created.token().secret())).contains(record);
        assertThat(admin.find(record.hash())).contains(record);
        assertThat(admin.find(shown)).contains(record);
        assertThat(admin.find(shown.substring(0, shown.length() - 1))).contains(record);
        assertThat(admin.find(shown.substring(0, shown.length() - 1) + "...")).contains(record);
        assertThat(admin.find("htun_")).isEmpty();
        assertThat(admin.find("nothing")).isEmpty();
        assertThat(admin.find(null)).isEmpty();
    }

    @Test
    void find_byAPrefixOfSeveralTokens_asksForMore() {
        // With 62 possible first characters, 63 tokens are sure to have two that share one.
        var firstCharacters = new HashSet<Character>();
        String common = null;
        while (common == null) {
            char first = admin.create(Optional.empty(), List.of()).record().displayPrefix().charAt(5);
            if (!firstCharacters.add(first)) {
                common = "htun_" + first;
            }
        }
        String shared = common;

        assertThatThrownBy(() -> admin.find(shared)).isInstanceOf(NoSuchTokenException.class)
                .hasMessageContaining("matches").hasMessageContaining("give more of it");
    }

    @Test
    void grant_ofAnExactName_claimsIt_andOfAPattern_claimsNothingYet() {
        TokenRecord token = admin.create(Optional.empty(), List.of()).record();

        TokenRecord granted = admin.grant(token.hash(), NamePattern.of("shop"));
        granted = admin.grant(token.hash(), NamePattern.of("team-*"));

        assertThat(granted.grants()).containsExactly(NamePattern.of("shop"), NamePattern.of("team-*"));
        assertThat(granted.names()).containsExactlyInAnyOrder(token.defaultName(), "shop");
        assertThat(admin.grant(token.hash(), NamePattern.of("shop")).grants()).as("granted twice").hasSize(2);
    }

    @Test
    void grant_ofANameAnotherTokenHolds_isRefusedNamingIt() {
        admin.create(Optional.of("shop"), List.of());
        TokenRecord other = admin.create(Optional.empty(), List.of()).record();

        assertThatThrownBy(() -> admin.grant(other.hash(), NamePattern.of("shop")))
                .isInstanceOf(NameTakenException.class).hasMessageContaining("'shop'");
        assertThat(tokens.find(other.hash()).orElseThrow().grants()).isEmpty();
    }

    @Test
    void grant_toARevokedToken_isRefused() {
        TokenRecord token = admin.create(Optional.empty(), List.of()).record();
        admin.revoke(token.hash());

        assertThatThrownBy(() -> admin.grant(token.hash(), NamePattern.of("shop")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("revoked");
    }

    @Test
    void ungrant_withdrawsTheGrant_butTheClaimedNameStaysTheTokens() {
        TokenRecord token = admin.create(Optional.empty(), List.of(NamePattern.of("shop"))).record();

        TokenRecord ungranted = admin.ungrant(token.hash(), NamePattern.of("shop"));

        assertThat(ungranted.grants()).isEmpty();
        assertThat(ungranted.isGranted("shop")).isFalse();
        assertThat(tokens.holderOf("shop")).contains(token.hash());
        assertThatThrownBy(() -> admin.create(Optional.empty(), List.of(NamePattern.of("shop"))))
                .isInstanceOf(NameTakenException.class);
    }

    @Test
    void ungrant_ofAGrantTheTokenLacks_isRefusedListingItsGrants() {
        TokenRecord token = admin.create(Optional.empty(), List.of(NamePattern.of("team-*"))).record();

        assertThatThrownBy(() -> admin.ungrant(token.hash(), NamePattern.of("shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shop'")
                .hasMessageContaining("team-*");
    }

    @Test
    void anUnknownWholeToken_isNamedInTheErrorByItsPrefixOnly() {
        AgentToken stranger = AgentToken.generate(new SecureRandom());

        assertThatThrownBy(() -> admin.revoke(stranger.secret())).isInstanceOf(NoSuchTokenException.class)
                .hasMessageContaining(stranger.secret().substring(0, 11)).hasMessageNotContaining(stranger.secret());
    }

    @Test
    void operationsOnAnUnknownToken_sayWhatWasNotFound() {
        assertThatThrownBy(() -> admin.revoke("htun_nobody")).isInstanceOf(NoSuchTokenException.class)
                .hasMessageContaining("'htun_nobody'");
        assertThatThrownBy(() -> admin.grant("f".repeat(64), NamePattern.of("shop")))
                .isInstanceOf(NoSuchTokenException.class);
    }

    @Test
    void revoke_marksTheToken_andClosesItsLiveConnectionsOnEveryNameItHolds_only() {
        TokenRecord alice = admin.create(Optional.empty(), List.of(NamePattern.of("shop"))).record();
        TokenRecord bob = admin.create(Optional.empty(), List.of()).record();
        connections.save(new Connection("conn-default", alice.defaultName(), alice.hash(), clock.instant(),
                clock.instant().plusSeconds(3600)));
        connections.save(new Connection("conn-shop", "shop", alice.hash(), clock.instant(),
                clock.instant().plusSeconds(3600)));
        connections.save(new Connection("conn-bob", bob.defaultName(), bob.hash(), clock.instant(),
                clock.instant().plusSeconds(3600)));

        TokenAdmin.Revocation revocation = admin.revoke(alice.displayPrefix());

        assertThat(revocation.token().revokedAt()).contains(clock.instant());
        assertThat(revocation.closedConnections()).containsExactlyInAnyOrder("conn-default", "conn-shop");
        assertThat(agents.disconnected()).containsExactlyInAnyOrder("conn-default", "conn-shop");
        assertThat(tokens.holderOf("shop")).as("a revoked token keeps its names").contains(alice.hash());
    }

    @Test
    void revoke_skipsConnectionsAlreadyGone() {
        TokenRecord alice = admin.create(Optional.empty(), List.of()).record();
        connections.save(new Connection("conn-gone", alice.defaultName(), alice.hash(), clock.instant(),
                clock.instant().plusSeconds(3600)));
        agents.markGone("conn-gone");

        assertThat(admin.revoke(alice.hash()).closedConnections()).isEmpty();
        assertThat(tokens.find(alice.hash()).orElseThrow().isRevoked()).isTrue();
    }
}
