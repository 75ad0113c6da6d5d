package dev.httptunnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentTokenTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void generatedTokens_haveThePrefix_parseBack_andDiffer() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            AgentToken token = AgentToken.generate(RANDOM);
            assertThat(token.secret()).startsWith("htun_").hasSize(AgentToken.LENGTH).matches("htun_[A-Za-z0-9]+");
            assertThat(AgentToken.parse(token.secret())).isEqualTo(token);
            secrets.add(token.secret());
        }
        assertThat(secrets).hasSize(200);
    }

    @Test
    void hash_isSha256OfTheWholeToken_andNeverContainsIt() {
        AgentToken token = AgentToken.generate(RANDOM);
        assertThat(token.hash()).hasSize(64).matches("[0-9a-f]+").isEqualTo(AgentToken.hashOf(token.secret()));
        assertThat(token.hash()).doesNotContain(token.secret().substring(5));
        assertThat(AgentToken.generate(RANDOM).hash()).isNotEqualTo(token.hash());
    }

    @Test
    void printedForms_showOnlyThePrefix() {
        AgentToken token = AgentToken.generate(RANDOM);
        assertThat(token.toString()).isEqualTo(token.displayPrefix()).hasSize(12).endsWith("…")
                .isEqualTo(token.secret().substring(0, 11) + "…");
        assertThat(token.toString()).doesNotContain(token.secret().substring(11));
    }

    @Test
    void aMistypedCharacter_failsTheChecksum() {
        String secret = AgentToken.generate(RANDOM).secret();
        char[] chars = secret.toCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';
        assertThat(AgentToken.problem(new String(chars))).contains("checksum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ghp_abc", "htun_short", "htun_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "htun_\r\nSEVERE: forged line of exactly the right size!"})
    void malformedText_isRefused_withoutEchoingIt(String text) {
        assertThat(AgentToken.problem(text)).isNotNull();
        assertThatThrownBy(() -> AgentToken.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an agent token: ")
                .satisfies(e -> assertThat(text.isEmpty() || !e.getMessage().contains(text)).isTrue());
    }

    @Test
    void authorizationHeader_isBearerAndTheSecret() {
        AgentToken token = AgentToken.generate(RANDOM);
        assertThat(token.authorization()).isEqualTo("Bearer " + token.secret());
        assertThat(AgentToken.fromAuthorization(token.authorization())).contains(token);
        assertThat(AgentToken.fromAuthorization("bearer  " + token.secret() + " ")).contains(token);
        assertThat(AgentToken.fromAuthorization(null)).isEmpty();
        assertThat(AgentToken.fromAuthorization("Basic " + token.secret())).isEmpty();
        assertThat(AgentToken.fromAuthorization("Bearer htun_nope")).isEmpty();
    }

    @Test
    void refusals_mapToDistinctStatuses_andBack() {
        for (ConnectRefusal refusal : ConnectRefusal.values()) {
            assertThat(ConnectRefusal.ofStatus(refusal.status())).contains(refusal);
        }
        assertThat(ConnectRefusal.ofStatus(500)).isEmpty();
    }
}
