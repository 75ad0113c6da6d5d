package dev.httptunnel.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.agent.relay.HostHeaderPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void defaults_fitApiGatewayLimits() {
        AgentSettings settings = AgentSettings.builder(3000).build();

        assertThat(settings.endpoint()).isEqualTo(URI.create("ws://localhost:8081"));
        assertThat(settings.localHost()).isEqualTo("127.0.0.1");
        assertThat(settings.hostHeader()).isEqualTo(HostHeaderPolicy.REWRITE);
        assertThat(settings.localTimeout()).isLessThan(Duration.ofSeconds(28));
        assertThat(settings.heartbeatInterval()).isLessThan(Duration.ofMinutes(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(125));
        assertThat(settings.maxConnectionAge()).isLessThan(Duration.ofHours(2));
    }

    @Test
    void readTimeout_followsAShorterHeartbeat() {
        assertThat(AgentSettings.builder(3000).heartbeatInterval(Duration.ofSeconds(10)).build().readTimeout())
                .isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void nonWebSocketEndpoint_isRefusedWithTheValue() {
        assertThatThrownBy(() -> AgentSettings.builder(3000).endpoint(URI.create("https://x.example")).build())
                .hasMessage("endpoint must be a ws:// or wss:// URL: 'https://x.example'");
    }

    @Test
    void portOutOfRange_isRefused() {
        assertThatThrownBy(() -> AgentSettings.builder(70000).build()).hasMessageContaining("70000");
    }

    @Test
    void readTimeoutNotAboveTheHeartbeat_isRefused() {
        assertThatThrownBy(() -> AgentSettings.builder(3000).heartbeatInterval(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(30)).build()).hasMessageContaining("read timeout must exceed");
    }

    @Test
    void heartbeatAtTheIdleTimeout_isRefused() {
        assertThatThrownBy(() -> AgentSettings.builder(3000).heartbeatInterval(Duration.ofMinutes(10)).build())
                .hasMessageContaining("idle timeout");
    }
}
