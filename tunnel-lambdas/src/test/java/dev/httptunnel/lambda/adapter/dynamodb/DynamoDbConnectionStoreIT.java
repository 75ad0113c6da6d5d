package dev.httptunnel.lambda.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.service.TunnelRegistry;
import dev.httptunnel.lambda.support.DynaliteTables;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The connections adapter against a real DynamoDB-compatible server. */
class DynamoDbConnectionStoreIT {

    private final DynaliteTables tables = new DynaliteTables();
    private final Clock clock = Clock.systemUTC();
    private final DynamoDbConnectionStore store = tables.connectionStore(clock);
    private final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    private final Instant inAnHour = now.plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    private static final String TOKEN_A = "a".repeat(64);
    private static final String TOKEN_B = "b".repeat(64);
    private static final String TOKEN_C = "c".repeat(64);

    @Test
    void aClaimedTunnelId_cannotBeClaimedByAnotherConnection() {
        assertThat(store.claimTunnel("abc123def456", "conn-a", TOKEN_A, inAnHour)).isTrue();

        assertThat(store.claimTunnel("abc123def456", "conn-b", TOKEN_B, inAnHour)).isFalse();
        assertThat(store.claimTunnel("zzz123def456", "conn-b", TOKEN_B, inAnHour)).isTrue();
    }

    @Test
    void anExpiredClaim_mayBeTakenOver_beforeTtlDeletesIt() {
        store.claimTunnel("abc123def456", "conn-a", TOKEN_A, now.minusSeconds(5));

        assertThat(store.claimTunnel("abc123def456", "conn-b", TOKEN_B, inAnHour)).isTrue();
    }

    @Test
    void aLiveClaim_isTakenOverByAConnectionOfTheSameToken_only() {
        store.claimTunnel("shop", "conn-a", TOKEN_A, inAnHour);

        assertThat(store.claimTunnel("shop", "conn-b", TOKEN_B, inAnHour)).isFalse();
        assertThat(store.claimTunnel("shop", "conn-a2", TOKEN_A, inAnHour)).isTrue();
        assertThat(claimHolder("shop")).isEqualTo("conn-a2");
    }

    @Test
    void registry_opensTheNamedTunnel_andRefusesItToAnotherTokensConnection() {
        TunnelRegistry registry = new TunnelRegistry(store, clock);

        assertThat(registry.open("conn-a", "shop", TOKEN_A)).map(Connection::tokenHash).contains(TOKEN_A);
        assertThat(registry.open("conn-b", "shop", TOKEN_B)).isEmpty();

        assertThat(store.findByTunnel("shop")).extracting(Connection::connectionId).containsExactly("conn-a");
    }

    @Test
    void findByTunnel_returnsEveryLiveConnectionOfTheTunnel() {
        store.save(new Connection("conn-old", "shop", TOKEN_A, now.minusSeconds(60), inAnHour));
        store.save(new Connection("conn-new", "shop", TOKEN_A, now, inAnHour));
        store.save(new Connection("conn-dead", "shop", TOKEN_A, now.minusSeconds(9000), now.minusSeconds(1)));
        store.save(new Connection("conn-other", "cafe", TOKEN_B, now, inAnHour));

        assertThat(store.findByTunnel("shop")).extracting(Connection::connectionId)
                .containsExactlyInAnyOrder("conn-old", "conn-new");
    }

    @Test
    void savedConnections_areFoundById_andThroughTheSubdomainIndex() {
        Connection connection = new Connection("conn-a", "abc123def456", TOKEN_A, now, inAnHour);
        store.save(connection);

        assertThat(store.find("conn-a")).contains(connection);
        assertThat(store.findNewestByTunnel("abc123def456")).contains(connection);
    }

    @Test
    void theNewestConnection_winsWhenATunnelHasSeveral() {
        store.save(new Connection("conn-old", "abc123def456", TOKEN_A, now.minusSeconds(60), inAnHour));
        store.save(new Connection("conn-new", "abc123def456", TOKEN_A, now, inAnHour));

        assertThat(store.findNewestByTunnel("abc123def456")).map(Connection::connectionId).contains("conn-new");
    }

    @Test
    void expiredConnections_areTreatedAsAbsent_thoughTheRowsRemain() {
        store.save(new Connection("conn-dead", "abc123def456", TOKEN_A, now.minusSeconds(9000), now.minusSeconds(1)));

        assertThat(store.find("conn-dead")).isEmpty();
        assertThat(store.findNewestByTunnel("abc123def456")).isEmpty();
        assertThat(tables.rowCount(tables.connectionsTable)).isEqualTo(1);
    }

    @Test
    void claimRows_areNeitherConnectionsNorInTheIndex() {
        store.claimTunnel("abc123def456", "conn-a", TOKEN_A, inAnHour);

        assertThat(store.find(ConnectionItem.CLAIM_PREFIX + "abc123def456")).isEmpty();
        assertThat(store.findNewestByTunnel("abc123def456")).isEmpty();
    }

    @Test
    void remove_deletesExactlyThatConnection_andReleasesItsClaim() {
        store.claimTunnel("abc123def456", "conn-a", TOKEN_A, inAnHour);
        store.save(new Connection("conn-a", "abc123def456", TOKEN_A, now, inAnHour));
        store.claimTunnel("zzz123def456", "conn-b", TOKEN_B, inAnHour);
        store.save(new Connection("conn-b", "zzz123def456", TOKEN_A, now, inAnHour));

        assertThat(store.remove("conn-a")).map(Connection::tunnelId).contains("abc123def456");

        assertThat(store.find("conn-a")).isEmpty();
        assertThat(store.find("conn-b")).isPresent();
        assertThat(store.claimTunnel("abc123def456", "conn-c", TOKEN_C, inAnHour)).isTrue();
        assertThat(store.claimTunnel("zzz123def456", "conn-c", TOKEN_C, inAnHour)).isFalse();
    }

    @Test
    void remove_isIdempotent() {
        store.save(new Connection("conn-a", "abc123def456", TOKEN_A, now, inAnHour));

        assertThat(store.remove("conn-a")).isPresent();
        assertThat(store.remove("conn-a")).isEmpty();
        assertThat(store.remove("never-there")).isEmpty();
    }

    @Test
    void remove_leavesAClaimThatAnotherConnectionHoldsNow() {
        store.save(new Connection("conn-old", "abc123def456", TOKEN_A, now, inAnHour));
        store.claimTunnel("abc123def456", "conn-new", TOKEN_B, inAnHour);

        store.remove("conn-old");

        assertThat(claimHolder("abc123def456")).isEqualTo("conn-new");
    }

    private String claimHolder(String tunnelId) {
        Map<String, AttributeValue> claim = tables.client.getItem(r -> r.tableName(tables.connectionsTable)
                .key(Map.of("connectionId", AttributeValue.fromS("tunnel#" + tunnelId)))).item();
        return claim.get("claimedBy").s();
    }
}
