package dev.httptunnel.lambda.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.support.DynaliteTables;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The pending-requests adapter against a real DynamoDB-compatible server. */
class DynamoDbPendingRequestStoreIT {

    private final DynaliteTables tables = new DynaliteTables();
    private final Clock clock = Clock.systemUTC();
    private final DynamoDbPendingRequestStore store = tables.pendingRequestStore(clock);
    private final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

    private PendingRequest waiting(String requestId, String connectionId, Instant deadline) {
        PendingRequest request = PendingRequest.waiting(requestId, connectionId, "abc123def456", now, deadline,
                deadline.plusSeconds(300).truncatedTo(ChronoUnit.SECONDS));
        store.create(request);
        return request;
    }

    @Test
    void createdRequests_readBackExactly_withAConsistentRead() {
        PendingRequest request = waiting("req-1", "conn-a", now.plusSeconds(28));

        assertThat(store.find("req-1")).contains(request);
    }

    @Test
    void theAnswerOfTheRightConnection_isRecordedOnce() {
        waiting("req-1", "conn-a", now.plusSeconds(28));

        assertThat(store.answer("req-1", "conn-a", "{\"answer\":1}", clock.instant())).isTrue();
        assertThat(store.answer("req-1", "conn-a", "{\"answer\":2}", clock.instant())).isFalse();

        assertThat(store.find("req-1").flatMap(PendingRequest::answer)).contains("{\"answer\":1}");
        assertThat(store.find("req-1").flatMap(PendingRequest::answeredAt)).hasValueSatisfying(at ->
                assertThat(at).isBetween(now.minusSeconds(5), clock.instant()));
    }

    @Test
    void anAnswerFromAnotherConnection_isRefused() {
        waiting("req-1", "conn-a", now.plusSeconds(28));

        assertThat(store.answer("req-1", "conn-intruder", "{}", clock.instant())).isFalse();
        assertThat(store.find("req-1").flatMap(PendingRequest::answer)).isEmpty();
    }

    @Test
    void anAnswerAfterTheDeadline_isRefused() {
        waiting("req-1", "conn-a", now.minusMillis(1));

        assertThat(store.answer("req-1", "conn-a", "{}", clock.instant())).isFalse();
    }

    @Test
    void anAnswerToAnUnknownRequest_createsNoRow() {
        assertThat(store.answer("never-created", "conn-a", "{}", clock.instant())).isFalse();

        assertThat(tables.rowCount(tables.pendingRequestsTable)).isZero();
    }

    @Test
    void expiredRequests_areTreatedAsAbsent_thoughTheRowsRemain() {
        store.create(PendingRequest.waiting("req-old", "conn-a", "abc123def456", now.minusSeconds(600),
                now.minusSeconds(570), now.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS)));

        assertThat(store.find("req-old")).isEmpty();
        assertThat(tables.rowCount(tables.pendingRequestsTable)).isEqualTo(1);
    }

    @Test
    void anAnswerNearTheItemLimit_isStoredAndReadBackWhole() {
        waiting("req-big", "conn-a", now.plusSeconds(28));
        String answer = "x".repeat(390 * 1024);

        assertThat(store.answer("req-big", "conn-a", answer, clock.instant())).isTrue();

        assertThat(store.find("req-big").flatMap(PendingRequest::answer)).map(String::length)
                .isEqualTo(Optional.of(answer.length()));
    }

    @Test
    void anAnswerOverTheItemLimit_failsLoudly_andLeavesTheRequestUnanswered() {
        waiting("req-huge", "conn-a", now.plusSeconds(28));

        assertThatThrownBy(() -> store.answer("req-huge", "conn-a", "x".repeat(401 * 1024), clock.instant()))
                .isInstanceOf(DynamoDbException.class);
        assertThat(store.find("req-huge").flatMap(PendingRequest::answer)).isEmpty();
    }
}
