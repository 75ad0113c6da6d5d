package dev.httptunnel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.port.Connection;
import dev.httptunnel.lambda.support.Dynalite;
import dev.httptunnel.lambda.support.DynaliteTables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The admin command against a stack's real adapters: the tokens and connections tables in dynalite, and a
 * Management API on loopback that records the connections revocation closes.
 */
class StackTargetIT {

    private final DynaliteTables tables = new DynaliteTables();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private HttpServer managementApi;
    private StackTarget target;

    @BeforeEach
    void start() throws Exception {
        managementApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        managementApi.createContext("/dev/@connections/", exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                deleted.add(exchange.getRequestURI().getPath().replace("/dev/@connections/", ""));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        managementApi.start();
        var outputs = StackOutputs.parse("""
                {"tokensTableName": "%s", "connectionsTableName": "%s",
                 "managementEndpoint": "http://127.0.0.1:%d/dev", "httpEndpoint": "https://x"}
                """.formatted(tables.tokensTable, tables.connectionsTable, managementApi.getAddress().getPort()));
        target = new StackTarget(outputs, Optional.of("us-east-1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                Optional.of(Dynalite.shared().endpoint()));
    }

    @AfterEach
    void stop() {
        managementApi.stop(0);
    }

    private String run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = target.run(List.of(args), new PrintWriter(out), new PrintWriter(err));
        assertThat(status).as("%s: %s", List.of(args), err).isZero();
        return out.toString();
    }

    @Test
    void createListGrantRevoke_onTheStacksTables_andRevocationClosesTheTokensLiveConnection() {
        String created = run("create", "--name", "shop", "--grant", "alice-*");
        Matcher secret = Pattern.compile("htun_[A-Za-z0-9]{38}").matcher(created);
        assertThat(secret.find()).isTrue();
        AgentToken token = AgentToken.parse(secret.group());
        assertThat(tables.tokenStore(Clock.systemUTC()).find(token.hash())).isPresent();

        assertThat(run("grant", token.displayPrefix(), "docs")).contains("[alice-*, docs]");
        assertThat(run("list")).contains(token.displayPrefix(), "shop", "alice-*,docs", "active")
                .doesNotContain(token.secret());

        Instant now = Instant.now();
        var connections = tables.connectionStore(Clock.systemUTC());
        connections.save(new Connection("conn-shop=", "shop", token.hash(), now, now.plus(Duration.ofHours(2))));
        connections.save(new Connection("conn-other=", "shop", "another-token", now, now.plus(Duration.ofHours(2))));

        assertThat(run("revoke", token.displayPrefix())).contains("closed 1 live connection.");
        assertThat(deleted).containsExactly("conn-shop=");
        assertThat(tables.tokenStore(Clock.systemUTC()).find(token.hash())).hasValueSatisfying(
                record -> assertThat(record.isRevoked()).isTrue());
        assertThat(run("list")).contains("revoked ");
    }

    @Test
    void theRegion_comesFromTheManagementEndpoint_unlessGiven() {
        var outputs = StackOutputs.parse("""
                {"tokensTableName": "t", "connectionsTableName": "c",
                 "managementEndpoint": "https://abc123.execute-api.eu-west-1.amazonaws.com/prod"}
                """);
        assertThat(outputs.region()).contains("eu-west-1");
        assertThat(StackTarget.of(outputs, Optional.empty()).describe()).contains("eu-west-1");
        assertThat(StackTarget.of(outputs, Optional.of("us-west-2")).describe()).contains("us-west-2");
        assertThat(outputs.managementEndpoint()).isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
    }
}
