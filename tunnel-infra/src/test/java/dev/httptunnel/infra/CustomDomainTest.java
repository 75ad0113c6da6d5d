package dev.httptunnel.infra;

import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.infra.plan.MockedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.httptunnel.infra.Types.API_MAPPING;
import static dev.httptunnel.infra.Types.CERTIFICATE;
import static dev.httptunnel.infra.Types.CERTIFICATE_VALIDATION;
import static dev.httptunnel.infra.Types.DOMAIN_NAME;
import static dev.httptunnel.infra.Types.RECORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wildcard domain: off in dev, on in prod, with or without Route 53 and a given certificate. */
class CustomDomainTest {

    private static final String CERTIFICATE_ARN = StackFixtures.PROD_CERTIFICATE_ARN;

    @Test
    void withoutTheCustomDomain_thereIsNoDomainMappingOrDomainOutput() {
        var dev = StackFixtures.run("dev");
        assertThat(dev.ofType(DOMAIN_NAME)).isEmpty();
        assertThat(dev.ofType(API_MAPPING)).isEmpty();
        assertThat(dev.outputs()).doesNotContainKeys("customDomainName", "customDomainTarget");
    }

    @Test
    void withTheCustomDomain_theWildcardMapsToTheHttpApisDefaultStage() {
        var prod = StackFixtures.run("prod");
        var domain = prod.get(DOMAIN_NAME, "custom-domain");
        assertThat(domain.string("domainName")).isEqualTo("*.tunnel.example.com");
        assertThat(domain.string("domainNameConfiguration.certificateArn")).isEqualTo(CERTIFICATE_ARN);
        assertThat(domain.string("domainNameConfiguration.endpointType")).isEqualTo("REGIONAL");
        assertThat(domain.string("domainNameConfiguration.securityPolicy")).isEqualTo("TLS_1_2");

        var mapping = prod.get(API_MAPPING, "api-mapping");
        assertThat(mapping.string("apiId")).isEqualTo(prod.outputs().get("httpApiId"));
        assertThat(mapping.string("stage")).isEqualTo("$default");
        assertThat(mapping.string("domainName")).isEqualTo(domain.id());

        assertThat(prod.outputs()).containsEntry("customDomainName", "*.tunnel.example.com");
        assertThat(String.valueOf(prod.outputs().get("customDomainTarget"))).endsWith(".execute-api.us-east-1.amazonaws.com");
        // No zone given: DNS is the operator's job, and no certificate is issued.
        assertThat(prod.ofType(RECORD)).isEmpty();
        assertThat(prod.ofType(CERTIFICATE)).isEmpty();
    }

    @Test
    void withAHostedZone_theWildcardGetsAnAliasRecord_toTheApiGatewayTarget() {
        var prod = StackFixtures.run("prod", Map.of("http-tunnel:hostedZoneId", "Z0123456789ABC"));
        var alias = prod.get(RECORD, "custom-domain-alias");
        assertThat(alias.string("zoneId")).isEqualTo("Z0123456789ABC");
        assertThat(alias.string("name")).isEqualTo("*.tunnel.example.com");
        assertThat(alias.string("type")).isEqualTo("A");
        assertThat(((Map<?, ?>) alias.list("aliases").get(0)).get("name")).isEqualTo(prod.outputs().get("customDomainTarget"));
        assertThat(prod.ofType(CERTIFICATE)).as("a certificate was given").isEmpty();
    }

    @Test
    void withAHostedZoneAndNoCertificate_theStackIssuesADnsValidatedOne() {
        var prod = StackFixtures.run("prod",
                Map.of("http-tunnel:hostedZoneId", "Z0123456789ABC", "http-tunnel:certificateArn", ""));
        var certificate = prod.get(CERTIFICATE, "custom-domain-certificate");
        assertThat(certificate.string("domainName")).isEqualTo("*.tunnel.example.com");
        assertThat(certificate.string("validationMethod")).isEqualTo("DNS");
        var validationRecord = prod.get(RECORD, "custom-domain-certificate-validation");
        assertThat(validationRecord.string("zoneId")).isEqualTo("Z0123456789ABC");
        assertThat(validationRecord.string("type")).isEqualTo("CNAME");
        var validation = prod.get(CERTIFICATE_VALIDATION, "custom-domain-certificate-validated");
        assertThat(validation.list("validationRecordFqdns")).hasSize(1);
        // The domain waits for the validated certificate, not the pending one.
        assertThat(prod.get(DOMAIN_NAME, "custom-domain").string("domainNameConfiguration.certificateArn"))
                .isEqualTo(validation.string("certificateArn"))
                .startsWith("arn:aws:acm:us-east-1:");
    }

    @Test
    void customDomainWithoutCertificateOrZone_failsAtOnce_namingBothWaysOut() {
        assertThatThrownBy(() -> StackFixtures.settings("prod", Map.of("http-tunnel:certificateArn", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enableCustomDomain is true")
                .hasMessageContaining("http-tunnel:certificateArn")
                .hasMessageContaining("http-tunnel:hostedZoneId")
                .hasMessageContaining("*.tunnel.example.com");
    }

    @Test
    void committedProdStack_hasNoCertificate_soItStopsBeforeCreatingAnything() {
        assertThatThrownBy(() -> StackSettings.from(StackFixtures.committedConfig("prod"), StackFixtures.JARS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enableCustomDomain is true")
                .hasMessageContaining("http-tunnel:hostedZoneId");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:acm:us-east-1:123456789012:certificate/4f1c9a2e-7b3d-4e8a-9c51-2d6f0b8e3a17",
            "arn:aws:acm:us-east-1:111122223333:certificate/4f1c9a2e-7b3d-4e8a-9c51-2d6f0b8e3a17",
            "arn:aws:acm:us-east-1:210987654321:certificate/00000000-0000-0000-0000-000000000000"})
    void placeholderCertificate_isRefused_soItCannotFailHalfwayThroughADeploy(String placeholder) {
        assertThatThrownBy(() -> StackFixtures.settings("prod", Map.of("http-tunnel:certificateArn", placeholder)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("placeholder")
                .hasMessageContaining(placeholder);
    }

    @Test
    void certificateArnOfAnotherShape_isRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> StackFixtures.settings("prod", Map.of("http-tunnel:certificateArn",
                "arn:aws:acm:us-east-1:12345:cert/abc")))
                .hasMessageContaining("arn:aws:acm:us-east-1:<12-digit account>:certificate/<id>");
    }

    @Test
    void certificateFromAnotherRegion_isRejected_becauseARegionalDomainCannotUseIt() {
        assertThatThrownBy(() -> StackFixtures.settings("prod", Map.of("http-tunnel:certificateArn",
                "arn:aws:acm:eu-west-1:123456789012:certificate/abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us-east-1")
                .hasMessageContaining("eu-west-1");
    }

    @Test
    void domainResourcesAreNotCreatedWhenTheDomainIsDisabled_evenWithAZone() {
        MockedStack.Result dev = StackFixtures.run("dev", Map.of("http-tunnel:hostedZoneId", "Z0123456789ABC"));
        assertThat(dev.ofType(DOMAIN_NAME)).isEmpty();
        assertThat(dev.ofType(RECORD)).isEmpty();
    }
}
