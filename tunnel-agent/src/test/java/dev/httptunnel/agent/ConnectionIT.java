package dev.httptunnel.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.httptunnel.agent.testing.AgentSide;
import dev.httptunnel.agent.testing.FakeTunnelService;
import dev.httptunnel.agent.testing.RecordingListener;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.identity.ConnectRefusal;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.ConnectionReplaced;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.Ping;
import dev.httptunnel.protocol.Pong;
import dev.httptunnel.protocol.Ready;
import dev.httptunnel.protocol.TunnelRequest;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The agent's WebSocket life: handshake, heartbeats, half-open detection, reconnects, clean close. */
@Timeout(30)
class ConnectionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingListener listener = new RecordingListener();
    private FakeTunnelService service;
    private TunnelAgent agent;

    @BeforeEach
    void startService() throws Exception {
        service = FakeTunnelService.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (agent != null) {
            agent.close();
        }
        service.close();
    }

    private void startAgent(Consumer<AgentSettings.Builder> customize) throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        AgentSettings.Builder builder = AgentSettings.builder(nothingListens)
                .endpoint(service.endpoint())
                .agentVersion("9.9.9-test")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .listener(listener);
        customize.accept(builder);
        agent = TunnelAgent.start(builder.build());
    }

    @Test
    void handshake_sendsReadyWithTheVersion_andReportsTheTunnelAndItsUrls() throws Exception {
        startAgent(b -> { });

        AgentSide side = service.awaitConnection(WAIT);
        Ready ready = side.awaitReady(WAIT);
        ConnectionEstablished tunnel = agent.awaitEstablished(WAIT);

        assertThat(ready.agentVersion()).isEqualTo("9.9.9-test");
        assertThat(tunnel.tunnelId()).isEqualTo("tunnel000001");
        assertThat(tunnel.publicUrls()).containsExactly("http://tunnel1.localhost:8080",
                "http://localhost:8080/tunnel1");
        assertThat(agent.state()).isEqualTo(ConnectionState.ESTABLISHED);
        // awaitEstablished wakes before the listener hears of it; ESTABLISHED is reported after onEstablished.
        listener.awaitState(ConnectionState.ESTABLISHED, WAIT);
        assertThat(listener.tunnels()).containsExactly(tunnel);
    }

    @Test
    void theTokenAndTheName_travelInUpgradeHeaders_neverInTheUrl() throws Exception {
        AgentToken token = AgentToken.generate(new SecureRandom());
        startAgent(b -> b.token(token).tunnelName("shop"));

        FakeTunnelService.Upgrade upgrade = service.awaitUpgrade(WAIT);

        assertThat(upgrade.headers().get("Authorization")).isEqualTo("Bearer " + token.secret());
        assertThat(upgrade.headers().get("X-Tunnel-Name")).isEqualTo("shop");
        assertThat(upgrade.target()).isEqualTo("/").doesNotContain(token.secret());
    }

    @Test
    void withoutATokenOrAName_theUpgradeCarriesNeitherHeader() throws Exception {
        startAgent(b -> { });

        FakeTunnelService.Upgrade upgrade = service.awaitUpgrade(WAIT);

        assertThat(upgrade.headers().get("Authorization")).isNull();
        assertThat(upgrade.headers().get("X-Tunnel-Name")).isNull();
    }

    @Test
    void serviceThatNeverAnswersReady_isLeft_andTheAgentTriesAgain() throws Exception {
        service.answerReady(false);
        startAgent(b -> b.handshakeTimeout(Duration.ofMillis(300)));

        service.awaitConnection(WAIT).awaitReady(WAIT);
        RecordingListener.StateChange lost = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
        service.answerReady(true);

        assertThat(lost.detail()).contains("no connection_established within 300 ms");
        service.awaitConnection(WAIT);
        assertThat(agent.awaitEstablished(WAIT)).isNotNull();
    }

    @Test
    void pingFromTheService_isAnsweredWithPong() throws Exception {
        startAgent(b -> { });
        AgentSide side = service.awaitEstablishedConnection(WAIT);

        side.send(new Ping());

        assertThat(side.awaitMessage(Pong.class, WAIT)).isNotNull();
    }

    @Test
    void agent_sendsPingsAtTheHeartbeatInterval() throws Exception {
        startAgent(b -> b.heartbeatInterval(Duration.ofMillis(100)));
        AgentSide side = service.awaitEstablishedConnection(WAIT);

        side.awaitMessage(Ping.class, WAIT);
        side.awaitMessage(Ping.class, WAIT);
        assertThat(agent.state()).isEqualTo(ConnectionState.ESTABLISHED);
    }

    @Test
    void halfOpenConnection_isDetectedByTheReadTimeout_andReplaced() throws Exception {
        startAgent(b -> b.heartbeatInterval(Duration.ofMillis(100)).readTimeout(Duration.ofMillis(500)));
        AgentSide first = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);

        first.goSilent();

        RecordingListener.StateChange lost = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
        assertThat(lost.detail()).contains("half-open").contains("read timeout 500 ms");
        service.awaitEstablishedConnection(WAIT);
        assertThat(agent.awaitEstablished(WAIT).tunnelId()).isEqualTo("tunnel000002");
    }

    @Test
    void killedService_isRetriedWithBackoff_andTheAgentReconnectsWhenItReturns() throws Exception {
        startAgent(b -> { });
        service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);

        service.stop();
        listener.awaitState(ConnectionState.RECONNECTING, WAIT);
        RecordingListener.StateChange refused = listener.awaitState(ConnectionState.RECONNECTING, WAIT);
        listener.awaitState(ConnectionState.RECONNECTING, WAIT);
        service.restart();

        assertThat(refused.detail()).contains("cannot reach " + service.endpoint()).contains("reconnecting in");
        AgentSide second = service.awaitEstablishedConnection(WAIT);
        assertThat(agent.awaitEstablished(WAIT).tunnelId()).isEqualTo("tunnel000002");
        Message answer = second.exchange(TunnelRequest.of("after-restart", "GET", "/", "", HeaderList.EMPTY, null),
                WAIT);
        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.LOCAL_SERVICE_UNAVAILABLE));
    }

    @Test
    void anUpgradeRefusedForAnotherReason_isReportedWithTheHttpStatus_andRetried() throws Exception {
        service.rejectUpgradesWith(429);
        startAgent(b -> { });

        RecordingListener.StateChange refused = listener.awaitState(ConnectionState.RECONNECTING, WAIT);

        assertThat(refused.detail()).contains("refused the WebSocket upgrade with HTTP 429");
        assertThat(agent.state()).isNotEqualTo(ConnectionState.ESTABLISHED);
        assertThat(agent.refusal()).isNotDone();
    }

    @ParameterizedTest
    @EnumSource(ConnectRefusal.class)
    void aRefusedTokenOrName_stopsTheAgent_withTheReason_andNoRetry(ConnectRefusal reason) throws Exception {
        service.rejectUpgradesWith(reason.status());
        startAgent(b -> b.token(AgentToken.generate(new SecureRandom())).tunnelName("shop"));

        AgentRefusal refusal = agent.refusal().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(refusal.reason()).isEqualTo(reason);
        assertThat(refusal.message()).contains("HTTP " + reason.status())
                .doesNotContain(agent.settings().token().secret());
        if (reason == ConnectRefusal.NAME_REFUSED) {
            assertThat(refusal.message()).contains("'shop'");
        }
        assertThat(agent.state()).isEqualTo(ConnectionState.REFUSED);
        int upgrades = service.upgradeCount();
        Thread.sleep(agent.settings().backoffMax().toMillis() + 300);
        assertThat(service.upgradeCount()).as("no retry after a refusal").isEqualTo(upgrades);
        assertThatThrownBy(() -> agent.awaitEstablished(Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class).hasMessage(refusal.message());
    }

    @Test
    void a403BeforeAnyConnection_pointsAtTheStageInTheEndpoint_first() throws Exception {
        service.rejectUpgradesWith(403);
        startAgent(b -> { });

        AgentRefusal refusal = agent.refusal().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(refusal.reason()).isEqualTo(ConnectRefusal.REVOKED_TOKEN);
        assertThat(refusal.message()).contains("HTTP 403: most likely the stage in the endpoint's path")
                .contains("revoked");
    }

    @Test
    void a403AfterAConnection_isARevokedToken() throws Exception {
        startAgent(b -> { });
        AgentSide first = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);
        service.rejectUpgradesWith(403);

        first.disconnect();
        AgentRefusal refusal = agent.refusal().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(refusal.message()).contains("(HTTP 403): the stack owner revoked it").doesNotContain("stage");
    }

    @Test
    void a404_namesThePathOfTheEndpoint_andStopsTheAgent() throws Exception {
        service.rejectUpgradesWith(404);
        startAgent(b -> { });

        AgentRefusal refusal = agent.refusal().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(refusal.reason()).isEqualTo(ConnectRefusal.NO_WEBSOCKET_API);
        assertThat(refusal.message()).contains("HTTP 404").contains("Check the endpoint's path (/")
                .contains("websocketEndpoint");
        assertThat(agent.state()).isEqualTo(ConnectionState.REFUSED);
    }

    @Test
    void connectionOlderThanTheMaximumAge_isReplacedBeforeTheServiceCutsIt() throws Exception {
        startAgent(b -> b.maxConnectionAge(Duration.ofMillis(700)));
        AgentSide first = service.awaitEstablishedConnection(WAIT);

        AgentSide second = service.awaitEstablishedConnection(WAIT);

        assertThat(first.awaitClose(WAIT)).isEqualTo(StatusCode.NORMAL);
        assertThat(second).isNotSameAs(first);
        assertThat(first.awaitReady(WAIT).successor()).as("the agent's first connection").isFalse();
        assertThat(second.awaitReady(WAIT).successor()).as("a rotation's successor").isTrue();
    }

    @Test
    void theServicesNotice_thatAnotherAgentTookTheName_stopsTheAgent_withoutAReconnect() throws Exception {
        startAgent(b -> { });
        AgentSide side = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);

        side.send(new ConnectionReplaced("tunnel000001"));

        assertThat(agent.replacement().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("another agent serves http://tunnel1.localhost:8080; this one stops.");
        assertThat(agent.state()).isEqualTo(ConnectionState.REPLACED);
        assertThat(side.awaitClose(WAIT)).as("closed by the agent, its requests answered").isEqualTo(StatusCode.NORMAL);
        int upgrades = service.upgradeCount();
        Thread.sleep(agent.settings().backoffMax().toMillis() + 300);
        assertThat(service.upgradeCount()).as("no reconnect after the notice").isEqualTo(upgrades);
        assertThatThrownBy(() -> agent.awaitEstablished(Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another agent serves");
    }

    @Test
    void aNoticeForAnotherTunnel_orACallersRequestCarryingOne_doesNotStopTheAgent() throws Exception {
        startAgent(b -> { });
        AgentSide side = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);
        String notice = MessageCodec.encode(new ConnectionReplaced("tunnel000001"));

        side.send(new ConnectionReplaced("someoneelse1"));
        Message answer = side.exchange(TunnelRequest.of("forged-1", "POST", "/hook", "type=connection_replaced",
                HeaderList.of("X-Notice", notice), notice.getBytes(StandardCharsets.UTF_8)), WAIT);

        assertThat(answer).as("the request was relayed like any other").isInstanceOf(ErrorMessage.class);
        assertThat(agent.replacement()).isNotDone();
        assertThat(agent.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(service.connectionCount()).isEqualTo(1);
    }

    @Test
    void aReplacedConnection_passesNewRequestsOnUnrelayed_onceItsSuccessorIsEstablished() throws Exception {
        startAgent(b -> b.maxConnectionAge(Duration.ofMillis(700)));
        AgentSide first = service.awaitEstablishedConnection(WAIT);
        service.awaitEstablishedConnection(WAIT);
        Thread.sleep(100);

        Message answer = first.exchange(TunnelRequest.of("late-1", "GET", "/", "", HeaderList.EMPTY, null), WAIT);

        assertThat(answer).isInstanceOfSatisfying(ErrorMessage.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_RETIRED));
        assertThat(first.awaitClose(WAIT)).isEqualTo(StatusCode.NORMAL);
    }

    @Test
    void close_sendsANormalClose_andStopsReconnecting() throws Exception {
        startAgent(b -> { });
        AgentSide side = service.awaitEstablishedConnection(WAIT);
        agent.awaitEstablished(WAIT);

        agent.close();

        assertThat(side.awaitClose(WAIT)).isEqualTo(StatusCode.NORMAL);
        assertThat(agent.state()).isEqualTo(ConnectionState.CLOSED);
        assertThatThrownBy(() -> agent.awaitEstablished(Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(service.connectionCount()).isEqualTo(1);
    }

    @Test
    void awaitEstablished_timesOut_whenNoServiceAnswers() throws Exception {
        service.rejectUpgradesWith(503);
        startAgent(b -> { });

        assertThatThrownBy(() -> agent.awaitEstablished(Duration.ofMillis(300)))
                .isInstanceOf(TimeoutException.class);
    }
}
