package dev.httptunnel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.adapter.memory.InMemoryConnectionStore;
import dev.httptunnel.lambda.adapter.memory.InMemoryTokenStore;
import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.service.TokenAdmin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token commands on in-memory stores: what they print, what they refuse, and their exit codes. */
class TokenCommandsTest {

    private static final Pattern SECRET = Pattern.compile("htun_[A-Za-z0-9]{38}");

    private final TokenAdmin admin = new TokenAdmin(new InMemoryTokenStore(), new InMemoryConnectionStore(Clock.systemUTC()),
            new AgentChannel() {
                @Override
                public void send(String connectionId, byte[] encodedMessage) {
                }

                @Override
                public void disconnect(String connectionId) {
                }
            }, Clock.systemUTC());

    record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = TokenCommands.execute(() -> admin, List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private static String secretIn(String text) {
        Matcher m = SECRET.matcher(text);
        assertThat(m.find()).as("a secret in %s", text).isTrue();
        return m.group();
    }

    @Test
    void create_printsTheSecretOnce_withItsDefaultName_andHowToUseIt() {
        Run created = run("create", "--name", "shop", "--grant", "alice-*");
        assertThat(created.status()).isZero();
        String secret = secretIn(created.out());
        assertThat(AgentToken.problem(secret)).isNull();
        assertThat(created.out()).contains("default name shop", "alice-*", "only time", "tunnel-agent config add-token");

        Run listed = run("list");
        assertThat(listed.out()).doesNotContain(secret).contains(AgentToken.parse(secret).displayPrefix())
                .contains("shop", "alice-*", "active", "never");
    }

    @Test
    void createQuiet_printsOnlyTheSecret_forScripts() {
        Run created = run("create", "--quiet");
        assertThat(created.out().strip()).matches(SECRET);
    }

    @Test
    void grantingANameAnotherTokenHolds_isRefused_namingIt() {
        run("create", "--name", "shop");
        String other = AgentToken.parse(secretIn(run("create").out())).displayPrefix();

        Run refused = run("grant", other, "shop");
        assertThat(refused.status()).isEqualTo(TokenCommands.REFUSED);
        assertThat(refused.err()).contains("'shop'", "another token");
        assertThat(run("create", "--grant", "shop").status()).isEqualTo(TokenCommands.REFUSED);
    }

    @Test
    void grantThenUngrant_showTheGrants() {
        String prefix = AgentToken.parse(secretIn(run("create").out())).displayPrefix();
        assertThat(run("grant", prefix, "docs").out()).contains("may now serve docs", "[docs]");
        assertThat(run("ungrant", prefix, "docs").out()).contains("no longer serves docs", "[]");
        assertThat(run("ungrant", prefix, "docs").status()).isEqualTo(TokenCommands.REFUSED);
    }

    @Test
    void revoke_marksItRevoked_inTheListing() {
        String secret = secretIn(run("create").out());
        Run revoked = run("revoke", secret);
        assertThat(revoked.status()).isZero();
        assertThat(revoked.out()).contains("Revoked " + AgentToken.parse(secret).displayPrefix(), "closed 0 live connections");
        assertThat(run("list").out()).contains("revoked ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"htun_nothing", "htun_\r\nforged", "' OR 1=1 --", "{\"$ne\":1}"})
    void anUnknownOrHostileTokenReference_isRefused_withoutACrash(String reference) {
        Run refused = run("revoke", reference);
        assertThat(refused.status()).isEqualTo(TokenCommands.REFUSED);
        assertThat(refused.err()).startsWith("tunnel-admin: ").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop", "-x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "caf\u00e9", "x\r\ny"})
    void aNameThatIsNoDnsLabel_isRefused_statingTheRules(String name) {
        Run refused = run("create", "--name", name);
        assertThat(refused.status()).isEqualTo(TokenCommands.REFUSED);
        assertThat(refused.err()).contains("DNS label").doesNotContain("\r\ny");
    }

    @Test
    void emptyStore_saysHowToStart() {
        assertThat(run("list").out()).contains("No tokens yet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "list", "revoke", "grant", "ungrant"})
    void everyCommandExplainsItself(String command) {
        Run help = run(command, "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage:", command);
    }

    @Test
    void aMissingArgument_isAUsageError() {
        assertThat(run("grant", "htun_x").status()).isEqualTo(2);
        assertThat(run("teleport").status()).isEqualTo(2);
    }
}
