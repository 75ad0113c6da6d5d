package dev.httptunnel.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.identity.TunnelName;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.service.TokenAdmin;
import dev.httptunnel.lambda.support.EventFixtures;
import dev.httptunnel.lambda.support.TunnelHarness;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code $connect} admits agents by token and name, and refuses the upgrade with 401, 403 or 409 otherwise,
 * on the ports of the concrete class. Every header value is hostile.
 */
abstract class ConnectContract {

    /** The service under test, on the ports of the concrete class. */
    protected abstract TunnelHarness harness();

    protected final TunnelHarness tunnel = harness();
    private final List<String> logLines = new ArrayList<>();
    private final Logger connectLog = Logger.getLogger(ConnectHandler.class.getName());
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void recordTheConnectLog() {
        previousLevel = connectLog.getLevel();
        connectLog.setLevel(Level.ALL);
        connectLog.setUseParentHandlers(false);
        connectLog.addHandler(recorder);
    }

    @AfterEach
    void stopRecording() {
        connectLog.removeHandler(recorder);
        connectLog.setUseParentHandlers(true);
        connectLog.setLevel(previousLevel);
    }

    private int connect(String connectionId, Map<String, String> headers) {
        return tunnel.connectStatus(EventFixtures.webSocketConnect(connectionId, headers));
    }

    private int connect(String connectionId, AgentToken token, String name) {
        return tunnel.connectStatus(EventFixtures.webSocketConnect(connectionId, token, name));
    }

    private TokenAdmin.CreatedToken tokenWith(NamePattern... grants) {
        return tunnel.admin.create(Optional.empty(), List.of(grants));
    }

    @Test
    void withoutAToken_theUpgradeIsRefusedWith401() {
        assertThat(tunnel.connectStatus(EventFixtures.webSocketConnect("conn-1="))).isEqualTo(401);

        assertThat(tunnel.connections.find("conn-1=")).isEmpty();
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("401").contains("no Authorization header"));
    }

    @Test
    void aMalformedToken_isRefusedWith401_withoutItsTextInTheLog() {
        String secret = tunnel.newToken().secret();
        String mistyped = secret.substring(0, 10) + (secret.charAt(10) == 'x' ? 'y' : 'x') + secret.substring(11);

        assertThat(connect("conn-1=", Map.of("Authorization", "Bearer " + mistyped))).isEqualTo(401);
        assertThat(connect("conn-2=", Map.of("Authorization", "Basic dXNlcjpwYXNz"))).isEqualTo(401);
        assertThat(connect("conn-3=", Map.of("Authorization", secret))).as("no Bearer scheme").isEqualTo(401);

        assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(mistyped).doesNotContain(secret).doesNotContain("dXNlcjpwYXNz"));
    }

    @Test
    void anUnknownToken_isRefusedWith401_andLoggedByItsPrefixOnly() {
        AgentToken stranger = AgentToken.generate(new SecureRandom());

        assertThat(connect("conn-1=", stranger, null)).isEqualTo(401);

        assertThat(logLines).anySatisfy(line -> assertThat(line).contains(stranger.displayPrefix()));
        assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain(stranger.secret()));
    }

    @Test
    void aRevokedToken_isRefusedWith403() {
        AgentToken token = tunnel.newToken();
        tunnel.admin.revoke(token.secret());

        assertThat(connect("conn-1=", token, null)).isEqualTo(403);
        assertThat(tunnel.connections.find("conn-1=")).isEmpty();
    }

    @Test
    void anAdmittedAgent_servesItsTokensDefaultName_recordedWithItsTokenAndLastUse() {
        TokenAdmin.CreatedToken created = tokenWith();

        String tunnelId = tunnel.connectAgent("conn-1=", created.token(), null);

        assertThat(tunnelId).isEqualTo(created.record().defaultName());
        assertThat(tunnel.connections.find("conn-1=")).map(Connection::tokenHash).contains(created.token().hash());
        assertThat(tunnel.tokens.find(created.token().hash()).orElseThrow().lastUsedAt()).isPresent();
        assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain(created.token().secret()));
    }

    @Test
    void theDefaultName_isTheSameOnEveryConnect() {
        AgentToken token = tunnel.newToken();
        String first = tunnel.connectAgent("conn-1=", token, null);
        tunnel.disconnect.handleRequest(EventFixtures.webSocketDisconnect("conn-1="), null);

        assertThat(tunnel.connectAgent("conn-2=", token, null)).isEqualTo(first);
    }

    @Test
    void aRestartedAgent_takesItsNameOverFromItsOldConnection_beforeThatOneHasDisconnected() {
        AgentToken token = tunnel.newToken();
        String name = tunnel.connectAgent("conn-old=", token, null);
        tunnel.agents.respondWith("conn-new=", request -> Optional.of(MessageCodec.encode(TunnelResponse.of(
                request.requestId(), 200, HeaderList.of("X-Served-By", "new"), "ok".getBytes(StandardCharsets.UTF_8)))));

        assertThat(tunnel.connectAgent("conn-new=", token, null)).isEqualTo(name);

        assertThat(tunnel.forward(tunnel.requestTo(name, "GET", "/", "")).getHeaders())
                .containsEntry("X-Served-By", "new");
        // The old connection's late $disconnect leaves the new one serving.
        tunnel.disconnect.handleRequest(EventFixtures.webSocketDisconnect("conn-old="), null);
        assertThat(tunnel.connections.findNewestByTunnel(name)).map(Connection::connectionId).contains("conn-new=");
    }

    @Test
    void anotherToken_cannotTakeANameFromALiveConnection() {
        TokenAdmin.CreatedToken alice = tokenWith(NamePattern.of("team-*"));
        TokenAdmin.CreatedToken bob = tokenWith(NamePattern.of("team-*"));
        tunnel.connectAgent("conn-a=", alice.token(), "team-blue");

        assertThat(connect("conn-b=", bob.token(), "team-blue")).isEqualTo(409);
        assertThat(connect("conn-b2=", bob.token(), alice.record().defaultName())).isEqualTo(409);

        assertThat(tunnel.connections.findNewestByTunnel("team-blue")).map(Connection::connectionId)
                .contains("conn-a=");
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("'team-blue'").contains("another token"));
    }

    @Test
    void anExactGrant_servesThatName() {
        TokenAdmin.CreatedToken shop = tokenWith(NamePattern.of("shop"));

        assertThat(tunnel.connectAgent("conn-1=", shop.token(), "shop")).isEqualTo("shop");
    }

    @Test
    void aPatternGrant_claimsTheNameOnFirstUse_forThatTokenOnly() {
        TokenAdmin.CreatedToken alice = tokenWith(NamePattern.of("alice-*"));
        TokenAdmin.CreatedToken other = tokenWith(NamePattern.of("alice-*"));

        assertThat(tunnel.connectAgent("conn-1=", alice.token(), "alice-demo")).isEqualTo("alice-demo");
        tunnel.disconnect.handleRequest(EventFixtures.webSocketDisconnect("conn-1="), null);

        assertThat(tunnel.tokens.holderOf("alice-demo")).contains(alice.token().hash());
        assertThat(connect("conn-2=", other.token(), "alice-demo")).as("after alice disconnected").isEqualTo(409);
    }

    @Test
    void aNameNotGranted_isRefusedWith409_namingIt() {
        TokenAdmin.CreatedToken token = tokenWith(NamePattern.of("alice-*"));

        assertThat(connect("conn-1=", token.token(), "bob-demo")).isEqualTo(409);
        assertThat(connect("conn-2=", token.token(), "alice-")).as("the bare prefix").isEqualTo(409);

        assertThat(tunnel.tokens.holderOf("bob-demo")).isEmpty();
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("'bob-demo'").contains("not granted"));
    }

    @Test
    void headerNames_areMatchedInAnyCase() {
        TokenAdmin.CreatedToken shop = tokenWith(NamePattern.of("shop"));

        assertThat(connect("conn-1=", Map.of("authorization", shop.token().authorization(),
                "x-tunnel-name", "shop"))).isEqualTo(200);
        assertThat(tunnel.connections.find("conn-1=")).map(Connection::tunnelId).contains("shop");
    }

    @Test
    void aRepeatedAuthorizationHeader_isRefusedAsMalformed() {
        AgentToken token = tunnel.newToken();
        var event = EventFixtures.webSocketConnect("conn-1=", token, null);
        event.getMultiValueHeaders().put(AgentToken.HEADER, List.of(token.authorization(), token.authorization()));

        assertThat(tunnel.connectStatus(event)).isEqualTo(401);
    }

    static Stream<String> hostileValues() {
        return Stream.of("x".repeat(10_000), "htun_" + "é".repeat(38), "Bearer htun_\r\nX-Injected: 1",
                "shop\nINFO forged log line", "'; DROP TABLE tokens; --", "{\"$ne\":null}", "\u0000", "",
                "Bearer ", "Bearer htun_" + "A".repeat(38) + "\"}", "xn--shop", "-shop", "SHOP", "a".repeat(64));
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aHostileToken_isRefusedWith401_cleanly(String hostile) {
        assertThat(connect("conn-1=", Map.of("Authorization", hostile))).isEqualTo(401);

        assertThat(tunnel.connections.find("conn-1=")).isEmpty();
        assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void aHostileName_isRefusedWith409_cleanly(String hostile) {
        AgentToken token = tunnel.newToken();

        assertThat(connect("conn-1=", Map.of("Authorization", token.authorization(), TunnelName.REQUEST_HEADER,
                hostile))).isEqualTo(409);

        assertThat(tunnel.connections.find("conn-1=")).isEmpty();
        assertThat(tunnel.tokens.find(token.hash()).orElseThrow().names()).as("names claimed").hasSize(1);
        assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("\n").doesNotContain("\r").hasSizeLessThan(600));
    }
}
