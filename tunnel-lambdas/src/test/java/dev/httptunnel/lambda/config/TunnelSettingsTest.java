package dev.httptunnel.lambda.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunnelSettingsTest {

    private static final Map<String, String> FORWARDING_ENV = Map.of(
            "CONNECTIONS_TABLE_NAME", "http-tunnel-connections-dev",
            "PENDING_REQUESTS_TABLE_NAME", "http-tunnel-pending-requests-dev",
            "TOKENS_TABLE_NAME", "http-tunnel-tokens-dev",
            "DOMAIN_NAME", "Tunnel.Example.com",
            "WEBSOCKET_API_ENDPOINT", "https://abc.execute-api.us-east-1.amazonaws.com/dev");

    @Test
    void everyMissingVariable_isNamedInOneError() {
        assertThatThrownBy(() -> TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING,
                Map.of("DOMAIN_NAME", "tunnel.example.com")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the forwarding function is missing environment variables: CONNECTIONS_TABLE_NAME, "
                        + "PENDING_REQUESTS_TABLE_NAME, TOKENS_TABLE_NAME, WEBSOCKET_API_ENDPOINT");
    }

    @Test
    void aCompleteEnvironment_isReadWithDefaults() {
        TunnelSettings settings = TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, FORWARDING_ENV);

        assertThat(settings.domainName()).isEqualTo("tunnel.example.com");
        assertThat(settings.websocketApiEndpoint()).hasToString("https://abc.execute-api.us-east-1.amazonaws.com/dev");
        assertThat(settings.responseDeadline()).isEqualTo(Duration.ofSeconds(27));
        assertThat(settings.offlineHold()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theOfflineHold_isReadInMilliseconds_andBounded() {
        Map<String, String> env = new java.util.HashMap<>(FORWARDING_ENV);
        env.put("OFFLINE_HOLD_MILLIS", "2500");
        assertThat(TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, env).offlineHold())
                .isEqualTo(Duration.ofMillis(2500));

        env.put("OFFLINE_HOLD_MILLIS", "60000");
        assertThatThrownBy(() -> TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, env))
                .hasMessageContaining("OFFLINE_HOLD_MILLIS must be between 0 and 20000 ms: 60000");
        env.put("OFFLINE_HOLD_MILLIS", "-1");
        assertThatThrownBy(() -> TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, env))
                .hasMessageContaining("OFFLINE_HOLD_MILLIS must be between 0 and 20000 ms: -1");
        env.put("OFFLINE_HOLD_MILLIS", "later");
        assertThatThrownBy(() -> TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, env))
                .hasMessageContaining("OFFLINE_HOLD_MILLIS must be a number of milliseconds: 'later'");
    }

    @Test
    void wrongValues_areReportedWithTheVariableName() {
        Map<String, String> env = new java.util.HashMap<>(FORWARDING_ENV);
        env.put("WEBSOCKET_API_ENDPOINT", "wss://abc.execute-api.us-east-1.amazonaws.com/dev");
        assertThatThrownBy(() -> TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, env))
                .hasMessageContaining("WEBSOCKET_API_ENDPOINT must be the https:// Management API endpoint");

        env.put("WEBSOCKET_API_ENDPOINT", "https://abc.execute-api.us-east-1.amazonaws.com/dev");
        env.put("RESPONSE_DEADLINE_MILLIS", "soon");
        assertThatThrownBy(() -> TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, env))
                .hasMessageContaining("RESPONSE_DEADLINE_MILLIS must be a number");
    }

    @Test
    void publicUrls_fillTheTunnelIdIntoEachTemplate() {
        TunnelSettings settings = TunnelSettings.fromEnvironment(TunnelFunction.RESPONSE, Map.of(
                "CONNECTIONS_TABLE_NAME", "c", "PENDING_REQUESTS_TABLE_NAME", "p",
                "WEBSOCKET_API_ENDPOINT", "https://x/dev",
                "PUBLIC_URL_TEMPLATES", "https://{tunnel}.t.example.com, https://api.example.com/{tunnel}"));

        assertThat(settings.publicUrls("abc123def456")).containsExactly(
                "https://abc123def456.t.example.com", "https://api.example.com/abc123def456");
    }

    @Test
    void theConnectFunction_readsTheTokensTable() {
        TunnelSettings settings = TunnelSettings.fromEnvironment(TunnelFunction.CONNECT,
                Map.of("CONNECTIONS_TABLE_NAME", "c", "TOKENS_TABLE_NAME", "t"));

        assertThat(settings.tokensTable()).isEqualTo("t");
    }

    @Test
    void everyFunction_declaresTheVariablesItsHandlerReads() {
        assertThat(TunnelFunction.CONNECT.requiredVariables()).containsExactly("CONNECTIONS_TABLE_NAME",
                "TOKENS_TABLE_NAME");
        for (TunnelFunction function : TunnelFunction.values()) {
            // The forwarding handler reads name items: a held name's requests wait, an unheld one's get 404.
            assertThat(function.requiredVariables().contains("TOKENS_TABLE_NAME")).as(function.shortName())
                    .isEqualTo(function == TunnelFunction.CONNECT || function == TunnelFunction.FORWARDING);
        }
        assertThat(TunnelFunction.FORWARDING.handler())
                .isEqualTo("dev.httptunnel.lambda.handler.ForwardingHandler::handleRequest");
        for (TunnelFunction function : TunnelFunction.values()) {
            assertThat(function.handlerClassName()).satisfies(name -> Class.forName(name));
        }
    }
}
