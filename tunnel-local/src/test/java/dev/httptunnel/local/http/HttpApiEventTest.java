package dev.httptunnel.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode event(List<Map.Entry<String, String>> headers, byte[] body) throws Exception {
        return JSON.readTree(HttpApiEvent.build(new HttpApiEvent.Received("POST", "/p", "", "HTTP/1.1", headers,
                body, "127.0.0.1", 8080), "local", "AAAAAAAAAAAAAAA=", Instant.parse("2020-03-12T19:03:58Z")));
    }

    @Test
    void queryParameters_areDecoded_andRepeatedNamesCommaJoined() {
        assertThat(HttpApiEvent.queryParameters("a=1&a=2&b=x%20y&c&d=%ZZ"))
                .containsExactly(Map.entry("a", "1,2"), Map.entry("b", "x y"), Map.entry("c", ""),
                        Map.entry("d", "%ZZ"));
    }

    @Test
    void utf8JsonBody_travelsAsText() throws Exception {
        JsonNode event = event(List.of(Map.entry("Content-Type", "application/json")),
                "{\"é\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("{\"é\":1}");
    }

    @Test
    void textTypedBodyThatIsNotUtf8_travelsInBase64() throws Exception {
        JsonNode event = event(List.of(Map.entry("Content-Type", "text/plain")), new byte[] {(byte) 0xff, 0x41});

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.get("body").asText()).isEqualTo("/0E=");
    }

    @Test
    void compressedTextBody_travelsInBase64() throws Exception {
        JsonNode event = event(List.of(Map.entry("Content-Type", "text/html"), Map.entry("Content-Encoding", "gzip")),
                "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
    }

    @Test
    void timeAndDomain_areFormattedAsApiGatewayDoes() throws Exception {
        JsonNode event = event(List.of(Map.entry("Host", "abc123def456.localhost:8080")), new byte[0]);

        JsonNode context = event.get("requestContext");
        assertThat(context.get("time").asText()).isEqualTo("12/Mar/2020:19:03:58 +0000");
        assertThat(context.get("timeEpoch").asLong()).isEqualTo(1584039838000L);
        assertThat(context.get("domainName").asText()).isEqualTo("abc123def456.localhost");
        assertThat(context.get("domainPrefix").asText()).isEqualTo("abc123def456");
        assertThat(event.has("body")).isFalse();
        assertThat(event.get("headers").get("x-forwarded-port").asText()).isEqualTo("8080");
    }
}
