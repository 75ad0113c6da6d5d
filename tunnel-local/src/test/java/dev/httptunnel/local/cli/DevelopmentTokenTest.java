package dev.httptunnel.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.local.GatewaySettings;
import dev.httptunnel.local.LocalGateway;
import dev.httptunnel.local.storage.GatewayStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each start is a gateway of its own with a fresh in-memory store, as {@code make demo} starts one. */
class DevelopmentTokenTest {

    @TempDir
    Path dir;

    private record Start(AgentToken token, String name) {
    }

    private Start start(Path file, boolean revokeAfterwards) throws Exception {
        GatewayStorage storage = GatewayStorage.inMemory(Clock.systemUTC());
        try (LocalGateway gateway = LocalGateway.start(GatewaySettings.builder().host("127.0.0.1").ports(0, 0)
                .build(), storage)) {
            AgentToken token = DevelopmentToken.ensure(gateway.tokenAdmin(), file);
            String name = DevelopmentToken.defaultName(gateway.tokenAdmin(), token);
            if (revokeAfterwards) {
                gateway.tokenAdmin().revoke(token.secret());
                assertThat(DevelopmentToken.ensure(gateway.tokenAdmin(), file)).isNotEqualTo(token);
            }
            return new Start(token, name);
        } finally {
            storage.close();
        }
    }

    @Test
    void aNewGatewayWithAFreshStore_keepsTheTokenAndItsName_soTheUrlStaysTheSame() throws Exception {
        Path file = dir.resolve("dev-token");

        Start first = start(file, false);
        Start second = start(file, false);

        assertThat(TunnelName.isValid(first.name())).isTrue();
        assertThat(second.token().secret()).isEqualTo(first.token().secret());
        assertThat(second.name()).isEqualTo(first.name());
        assertThat(Files.readString(file).strip()).isEqualTo(first.token().secret());
    }

    @Test
    void aRevokedToken_isReplaced_byOneWithANameOfItsOwn() throws Exception {
        Path file = dir.resolve("dev-token");

        Start revoked = start(file, true);
        Start next = start(file, false);

        assertThat(next.token().secret()).isNotEqualTo(revoked.token().secret());
        assertThat(next.name()).isNotEqualTo(revoked.name());
    }

    @Test
    void theName_isNotTheStoredHash() {
        AgentToken token = AgentToken.generate(new java.security.SecureRandom());
        assertThat(token.hash()).doesNotStartWith(DevelopmentToken.nameFor(token));
    }
}
