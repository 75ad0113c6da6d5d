package dev.httptunnel.lambda.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.service.TunnelRegistry;
import dev.httptunnel.lambda.support.DynaliteTables;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
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

    @Test
    void aClaimedTunnelId_cannotBeClaimedByAnotherConnection() {
        assertThat(store.claimTunnel("abc123def456", "conn-a", inAnHour)).isTrue();

        assertThat(store.claimTunnel("abc123def456", "conn-b", inAnHour)).isFalse();
        assertThat(store.claimTunnel("zzz123def456", "conn-b", inAnHour)).isTrue();
    }

    @Test
    void anExpiredClaim_mayBeTakenOver_beforeTtlDeletesIt() {
        store.claimTunnel("abc123def456", "conn-a", now.minusSeconds(5));

        assertThat(store.claimTunnel("abc123def456", "conn-b", inAnHour)).isTrue();
    }

    @Test
    void registry_drawsAnotherId_whenTheFirstCollides() {
        store.claimTunnel("takentaken12", "someone-else", inAnHour);
        Iterator<String> ids = List.of("takentaken12", "freefree1234").iterator();
        TunnelRegistry registry = new TunnelRegistry(store, clock, ids::next);

        Connection opened = registry.open("conn-new");

        assertThat(opened.tunnelId()).isEqualTo("freefree1234");
        assertThat(store.findNewestByTunnel("freefree1234")).map(Connection::connectionId).contains("conn-new");
        assertThat(store.findNewestByTunnel("takentaken12")).isEmpty();
    }

    @Test
    void savedConnections_areFoundById_andThroughTheSubdomainIndex() {
        Connection connection = new Connection("conn-a", "abc123def456", now, inAnHour);
        store.save(connection);

        assertThat(store.find("conn-a")).contains(connection);
        assertThat(store.findNewestByTunnel("abc123def456")).contains(connection);
    }

    @Test
    void theNewestConnection_winsWhenATunnelHasSeveral() {
        store.save(new Connection("conn-old", "abc123def456", now.minusSeconds(60), inAnHour));
        store.save(new Connection("conn-new", "abc123def456", now, inAnHour));

        assertThat(store.findNewestByTunnel("abc123def456")).map(Connection::connectionId).contains("conn-new");
    }

    @Test
    void expiredConnections_areTreatedAsAbsent_thoughTheRowsRemain() {
        store.save(new Connection("conn-dead", "abc123def456", now.minusSeconds(9000), now.minusSeconds(1)));

        assertThat(store.find("conn-dead")).isEmpty();
        assertThat(store.findNewestByTunnel("abc123def456")).isEmpty();
        assertThat(tables.rowCount(tables.connectionsTable)).isEqualTo(1);
    }

    @Test
    void claimRows_areNeitherConnectionsNorInTheIndex() {
        store.claimTunnel("abc123def456", "conn-a", inAnHour);

        assertThat(store.find(ConnectionItem.CLAIM_PREFIX + "abc123def456")).isEmpty();
        assertThat(store.findNewestByTunnel("abc123def456")).isEmpty();
    }

    @Test
    void remove_deletesExactlyThatConnection_andReleasesItsClaim() {
        store.claimTunnel("abc123def456", "conn-a", inAnHour);
        store.save(new Connection("conn-a", "abc123def456", now, inAnHour));
        store.claimTunnel("zzz123def456", "conn-b", inAnHour);
        store.save(new Connection("conn-b", "zzz123def456", now, inAnHour));

        assertThat(store.remove("conn-a")).map(Connection::tunnelId).contains("abc123def456");

        assertThat(store.find("conn-a")).isEmpty();
        assertThat(store.find("conn-b")).isPresent();
        assertThat(store.claimTunnel("abc123def456", "conn-c", inAnHour)).isTrue();
        assertThat(store.claimTunnel("zzz123def456", "conn-c", inAnHour)).isFalse();
    }

    @Test
    void remove_isIdempotent() {
        store.save(new Connection("conn-a", "abc123def456", now, inAnHour));

        assertThat(store.remove("conn-a")).isPresent();
        assertThat(store.remove("conn-a")).isEmpty();
        assertThat(store.remove("never-there")).isEmpty();
    }

    @Test
    void remove_leavesAClaimThatAnotherConnectionHoldsNow() {
        store.save(new Connection("conn-old", "abc123def456", now, inAnHour));
        store.claimTunnel("abc123def456", "conn-new", inAnHour);

        store.remove("conn-old");

        Map<String, AttributeValue> claim = tables.client.getItem(r -> r.tableName(tables.connectionsTable)
                .key(Map.of("connectionId", AttributeValue.fromS("tunnel#abc123def456")))).item();
        assertThat(claim.get("claimedBy").s()).isEqualTo("conn-new");
    }
}
