package dev.httptunnel.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ids keep API Gateway's and Lambda's shapes and do not repeat. */
class RequestIdsTest {

    @Test
    void requestAndConnectionIds_areFifteenLettersOrDigitsAndAnEqualsSign() {
        assertThat(GatewayIds.next()).matches("[A-Za-z0-9]{15}=");
        assertThat(GatewayIds.connectionId()).matches("[A-Za-z0-9]{15}=");
    }

    @Test
    void traceIds_areXRayRootsOfTheSecondAnd96RandomBits() {
        assertThat(GatewayIds.traceId(1_700_000_000_123L)).matches("Root=1-6553f100-[0-9a-f]{24}");
    }

    @Test
    void lambdaRequestIds_areVersion4Uuids() {
        UUID id = UUID.fromString(GatewayIds.lambdaRequestId());

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void ids_doNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(GatewayIds.next());
            seen.add(GatewayIds.lambdaRequestId());
            seen.add(GatewayIds.traceId(0));
        }
        assertThat(seen).hasSize(30_000);
    }
}
