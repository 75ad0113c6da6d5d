package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.HeaderList;
import org.junit.jupiter.api.Test;

class TunnelAddressesTest {

    private final TunnelAddresses addresses = new TunnelAddresses("tunnel.example.com");

    private static PublicRequest request(String host, String rawPath, String stage, HeaderList headers) {
        return new PublicRequest("GET", host, rawPath, "", headers, "", "203.0.113.9", stage);
    }

    @Test
    void onTheHttpApisOwnHost_withANamedStage_theAddressIsThePathFormUnderTheStage() {
        PublicRequest missed = request("abc123.execute-api.us-east-1.amazonaws.com", "/dev/", "dev",
                HeaderList.of("x-forwarded-proto", "https"));

        assertThat(addresses.forms(missed))
                .containsExactly("https://abc123.execute-api.us-east-1.amazonaws.com/dev/<tunnel>/");
    }

    @Test
    void underTheTunnelDomain_theAddressIsTheSubdomainForm_only() {
        PublicRequest missed = request("typo.tunnel.example.com", "/", "$default", HeaderList.EMPTY);

        assertThat(addresses.forms(missed)).containsExactly("https://<tunnel>.tunnel.example.com/");
    }

    @Test
    void onTheDomainItself_bothFormsServe_withThePortAndSchemeAsked() {
        TunnelAddresses local = new TunnelAddresses("localhost");
        PublicRequest missed = request("localhost:8080", "/", "$default", HeaderList.of("x-forwarded-proto", "http"));

        assertThat(local.describe(missed))
                .isEqualTo("http://<tunnel>.localhost:8080/ or http://localhost:8080/<tunnel>/");
    }

    @Test
    void aForwardedProtoThatIsNoScheme_isNotRepeated() {
        PublicRequest missed = request("api.example.net", "/", "$default",
                HeaderList.of("x-forwarded-proto", "javascript"));

        assertThat(addresses.forms(missed)).containsExactly("https://api.example.net/<tunnel>/");
    }
}
