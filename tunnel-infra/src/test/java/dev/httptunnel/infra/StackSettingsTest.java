package dev.httptunnel.infra;

import dev.httptunnel.infra.config.StackSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The committed stack files, the spec's defaults, and settings that must fail before anything is created. */
class StackSettingsTest {

    @Test
    void devStack_isTheSpecsDev() {
        StackSettings dev = StackFixtures.settings("dev");
        assertThat(dev.environment()).isEqualTo("dev");
        assertThat(dev.region()).isEqualTo("us-east-1");
        assertThat(dev.domainName()).isEqualTo("tunnel.dev.example.com");
        assertThat(dev.lambdaArchitecture()).isEqualTo("x86_64");
        assertThat(dev.lambdaMemorySize()).isEqualTo(256);
        assertThat(dev.enableCustomDomain()).isFalse();
        assertThat(dev.lambdaTimeout()).as("the spec's default").isEqualTo(30);
        assertThat(dev.functionTimeoutSeconds()).as("capped at API Gateway's 29 s").isEqualTo(29);
        assertThat(dev.alarmEmail()).isEmpty();
    }

    @Test
    void prodStack_isTheSpecsProd() {
        StackSettings prod = StackFixtures.settings("prod");
        assertThat(prod.environment()).isEqualTo("prod");
        assertThat(prod.domainName()).isEqualTo("tunnel.example.com");
        assertThat(prod.lambdaArchitecture()).isEqualTo("arm64");
        assertThat(prod.lambdaMemorySize()).isEqualTo(512);
        assertThat(prod.enableCustomDomain()).isTrue();
        assertThat(prod.certificateArn()).hasValueSatisfying(arn -> assertThat(arn).startsWith("arn:aws:acm:us-east-1:"));
    }

    @Test
    void missingRequiredSetting_namesTheKeyAndTheCommand() {
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:domainName", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http-tunnel:domainName")
                .hasMessageContaining("pulumi config set");
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("aws:region", "")))
                .hasMessageContaining("aws:region");
    }

    @Test
    void unknownArchitecture_isRejectedWithTheValue() {
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:lambdaArchitecture", "arm")))
                .hasMessageContaining("x86_64 or arm64").hasMessageContaining("'arm'");
    }

    @Test
    void theOfflineHold_defaultsToTenSeconds_andIsBoundedByTheCap() {
        assertThat(StackFixtures.settings("dev", Map.of()).offlineHoldSeconds()).isEqualTo(10);
        assertThat(StackFixtures.settings("dev", Map.of("http-tunnel:offlineHoldSeconds", "0")).offlineHoldSeconds())
                .isZero();
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:offlineHoldSeconds", "25")))
                .hasMessageContaining("offlineHoldSeconds must be between 0 and 20").hasMessageContaining("was 25");
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:offlineHoldSeconds", "-1")))
                .hasMessageContaining("offlineHoldSeconds must be between 0 and 20");
    }

    @Test
    void nonNumericMemory_isRejectedWithTheValue() {
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:lambdaMemorySize", "big")))
                .hasMessageContaining("lambdaMemorySize").hasMessageContaining("'big'");
    }

    @Test
    void retentionCloudWatchDoesNotOffer_isRejected() {
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:logRetentionDays", "10")))
                .hasMessageContaining("logRetentionDays").hasMessageContaining("14");
    }

    @Test
    void booleanThatIsNotABoolean_isRejected() {
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:enableCustomDomain", "yes")))
                .hasMessageContaining("enableCustomDomain").hasMessageContaining("'yes'");
    }

    @Test
    void environmentBecomesPartOfNames_soItMustBeAShortLowercaseWord() {
        assertThatThrownBy(() -> StackFixtures.settings("dev", Map.of("http-tunnel:environment", "Dev Stack")))
                .hasMessageContaining("http-tunnel:environment");
    }

    @Test
    void shortTimeout_setsADeadlineOneSecondUnder_andLongOnesKeepTheHandlerDefault() {
        assertThat(StackFixtures.settings("dev", Map.of("http-tunnel:lambdaTimeout", "10")).responseDeadlineMillis())
                .contains(9_000);
        assertThat(StackFixtures.settings("dev", Map.of("http-tunnel:lambdaTimeout", "29")).responseDeadlineMillis())
                .isEmpty();
        assertThat(StackFixtures.settings("dev", Map.of("http-tunnel:lambdaTimeout", "900")).functionTimeoutSeconds())
                .isEqualTo(29);
    }
}
