package dev.httptunnel.lambda.handler;

import static dev.httptunnel.lambda.handler.TunnelCycleContract.decode;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.protocol.TunnelRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A stack deployed without a body bucket carries what fits one WebSocket message and says so beyond. */
class ForwardingWithoutBodyStoreTest {

    private final TunnelHarness tunnel = TunnelHarness.inMemoryWithoutBodyStore(Duration.ofSeconds(2));

    @Test
    void forwarding_returns413NamingTheSize_whenTheBodyCannotFitOneMessage() {
        String tunnelId = tunnel.connectAgent("conn-1=");
        APIGatewayV2HTTPEvent event = tunnel.requestTo(tunnelId, "POST", "/upload", "");
        event.setBody(Base64.getEncoder().encodeToString(new byte[200_000]));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = tunnel.forward(event);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(new String(decode(response), StandardCharsets.UTF_8)).contains("200000 bytes").contains("131072-byte WebSocket message");
        assertThat(tunnel.agents.sentTo("conn-1=", TunnelRequest.class)).isEmpty();
    }

    @Test
    void requests_offerNoUploadUrl() {
        String tunnelId = tunnel.connectAgent("conn-1=");

        tunnel.forward(tunnel.requestTo(tunnelId, "GET", "/", ""));

        TunnelRequest sent = tunnel.agents.sentTo("conn-1=", TunnelRequest.class).get(0);
        org.assertj.core.api.Assertions.assertThat(sent.responseBodyUploadUrl()).isNull();
    }
}
