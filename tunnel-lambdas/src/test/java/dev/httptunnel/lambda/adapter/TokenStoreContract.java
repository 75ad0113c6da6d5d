package dev.httptunnel.lambda.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.port.NameTakenException;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.port.TokenStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every token store does, run on each adapter: in memory and on a DynamoDB-compatible server. */
public abstract class TokenStoreContract {

    private static final String ALICE = "a".repeat(64);
    private static final String BOB = "b".repeat(64);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final TokenStore store = newStore();

    /** A fresh, empty store. */
    protected abstract TokenStore newStore();

    private TokenRecord created(String hash, String defaultName, NamePattern... grants) {
        TokenRecord token = TokenRecord.created(hash, "htun_" + hash.substring(0, 6) + "…", defaultName,
                List.of(grants), now);
        store.create(token);
        return token;
    }

    @Test
    void aCreatedToken_isFoundByItsHash_exactlyAsStored_holdingItsDefaultName() {
        TokenRecord alice = created(ALICE, "alice", NamePattern.of("shop"), NamePattern.of("alice-*"));

        assertThat(store.find(ALICE)).contains(alice);
        assertThat(alice.names()).containsExactly("alice");
        assertThat(store.holderOf("alice")).contains(ALICE);
        assertThat(store.find(BOB)).isEmpty();
    }

    @Test
    void aTokenWhoseDefaultNameIsHeld_isNotCreated() {
        created(ALICE, "shop");

        assertThatThrownBy(() -> created(BOB, "shop")).isInstanceOf(NameTakenException.class)
                .hasMessageContaining("'shop'");

        assertThat(store.find(BOB)).isEmpty();
        assertThat(store.holderOf("shop")).contains(ALICE);
    }

    @Test
    void aFreeName_isClaimedOnce_andNeverByAnotherToken() {
        created(ALICE, "alice");
        created(BOB, "bob");

        assertThat(store.claimName(ALICE, "shop")).isTrue();
        assertThat(store.claimName(ALICE, "shop")).as("claimed again by its holder").isTrue();
        assertThat(store.claimName(BOB, "shop")).isFalse();
        assertThat(store.claimName(BOB, "alice")).as("another token's default name").isFalse();

        assertThat(store.holderOf("shop")).contains(ALICE);
        assertThat(store.find(ALICE).orElseThrow().names()).containsExactly("alice", "shop");
        assertThat(store.find(BOB).orElseThrow().names()).containsExactly("bob");
    }

    @Test
    void anUnknownToken_claimsNothing() {
        assertThat(store.claimName(ALICE, "shop")).isFalse();

        assertThat(store.holderOf("shop")).isEmpty();
    }

    @Test
    void grantsAreReplaced_butClaimedNamesStay() {
        created(ALICE, "alice", NamePattern.of("shop"));
        store.claimName(ALICE, "shop");

        store.setGrants(ALICE, List.of(NamePattern.of("alice-*")));

        TokenRecord alice = store.find(ALICE).orElseThrow();
        assertThat(alice.grants()).containsExactly(NamePattern.of("alice-*"));
        assertThat(alice.names()).containsExactly("alice", "shop");
        assertThat(store.holderOf("shop")).contains(ALICE);
    }

    @Test
    void revocation_keepsTheFirstTime_andKeepsTheNames() {
        created(ALICE, "alice");
        store.claimName(ALICE, "shop");

        store.revoke(ALICE, now.plusSeconds(1));
        store.revoke(ALICE, now.plusSeconds(2));

        TokenRecord alice = store.find(ALICE).orElseThrow();
        assertThat(alice.revokedAt()).contains(now.plusSeconds(1));
        assertThat(alice.isRevoked()).isTrue();
        assertThat(store.holderOf("shop")).contains(ALICE);
        assertThat(store.claimName(BOB, "shop")).isFalse();
    }

    @Test
    void lastUse_isRecorded() {
        created(ALICE, "alice");

        store.recordUse(ALICE, now.plusSeconds(5));

        assertThat(store.find(ALICE).orElseThrow().lastUsedAt()).contains(now.plusSeconds(5));
    }

    @Test
    void updatesOfAnUnknownToken_createNothing() {
        store.setGrants(ALICE, List.of(NamePattern.of("shop")));
        store.revoke(ALICE, now);
        store.recordUse(ALICE, now);

        assertThat(store.find(ALICE)).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void list_returnsEveryToken_andNoNameItems() {
        TokenRecord alice = created(ALICE, "alice");
        TokenRecord bob = created(BOB, "bob");
        store.claimName(BOB, "shop");

        assertThat(store.list()).extracting(TokenRecord::hash).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(store.list()).filteredOn(t -> t.hash().equals(ALICE)).containsExactly(alice);
        assertThat(store.list()).filteredOn(t -> t.hash().equals(BOB)).extracting(TokenRecord::names)
                .containsExactly(bob.withName("shop").names());
    }

    @Test
    void creatingTheSameTokenTwice_isAnError() {
        created(ALICE, "alice");

        assertThatThrownBy(() -> store.create(TokenRecord.created(ALICE, "htun_aaaaaa…", "other", List.of(), now)))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.find(ALICE).map(TokenRecord::defaultName)).isEqualTo(Optional.of("alice"));
    }
}
