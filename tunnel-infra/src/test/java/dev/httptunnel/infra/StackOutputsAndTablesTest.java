package dev.httptunnel.infra;

import dev.httptunnel.infra.plan.MockedStack;
import dev.httptunnel.infra.plan.RecordedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.httptunnel.infra.Types.TABLE;
import static org.assertj.core.api.Assertions.assertThat;

/** The tables, the tags and the outputs a user reads after {@code pulumi up}. */
class StackOutputsAndTablesTest {

    @Test
    void connectionsTable_isOnDemand_keyedByConnection_withTheSubdomainIndexAndTtl() {
        RecordedResource table = StackFixtures.run("dev").get(TABLE, "connections-table");
        assertThat(table.string("name")).isEqualTo("http-tunnel-connections-dev");
        assertThat(table.string("billingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.string("hashKey")).isEqualTo("connectionId");
        assertThat(table.list("attributes")).containsExactlyInAnyOrder(
                Map.of("name", "connectionId", "type", "S"), Map.of("name", "publicSubdomain", "type", "S"));
        assertThat(table.list("globalSecondaryIndexes")).containsExactly(
                Map.of("name", "subdomain-index", "hashKey", "publicSubdomain", "projectionType", "ALL"));
        assertThat(table.map("ttl")).containsEntry("attributeName", "ttl").containsEntry("enabled", true);
        assertThat(table.map("tags")).containsEntry("Name", "HTTP Tunnel Connections");
    }

    @Test
    void pendingRequestsTable_isOnDemand_keyedByRequest_withTtl() {
        RecordedResource table = StackFixtures.run("prod").get(TABLE, "pending-requests-table");
        assertThat(table.string("name")).isEqualTo("http-tunnel-pending-requests-prod");
        assertThat(table.string("billingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.string("hashKey")).isEqualTo("requestId");
        assertThat(table.input("globalSecondaryIndexes")).isEmpty();
        assertThat(table.map("ttl")).containsEntry("attributeName", "ttl").containsEntry("enabled", true);
        assertThat(table.map("tags")).containsEntry("Name", "HTTP Tunnel Pending Requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void tokensTable_isOnDemand_keyedById_recoverable_encrypted_andNeverExpiresItems(String stack) {
        RecordedResource table = StackFixtures.run(stack).get(TABLE, "tokens-table");
        assertThat(table.string("name")).isEqualTo("http-tunnel-tokens-" + stack);
        assertThat(table.string("billingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.string("hashKey")).isEqualTo("id");
        assertThat(table.list("attributes")).containsExactly(Map.of("name", "id", "type", "S"));
        assertThat(table.input("globalSecondaryIndexes")).isEmpty();
        assertThat(table.input("ttl")).as("tokens and names are kept for good").isEmpty();
        assertThat(table.map("pointInTimeRecovery")).containsEntry("enabled", true);
        assertThat(table.map("serverSideEncryption")).containsEntry("enabled", true);
        assertThat(table.map("tags")).containsEntry("Name", "HTTP Tunnel Tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTaggedResource_carriesTheProjectTags(String stack) {
        MockedStack.Result result = StackFixtures.run(stack);
        var tagged = result.resources().stream().filter(r -> r.input("tags").isPresent()).toList();
        assertThat(tagged).extracting(RecordedResource::type).contains(TABLE, Types.FUNCTION, Types.API,
                Types.STAGE, Types.ROLE, Types.LOG_GROUP, Types.ALARM, Types.BUCKET);
        for (RecordedResource resource : tagged) {
            assertThat(resource.map("tags")).as(resource.name()).containsEntry("Environment", stack)
                    .containsEntry("Project", "http-tunnel").containsEntry("ManagedBy", "pulumi");
        }
    }

    @Test
    void devExports_theTablesBucketEndpointsApiIds_andWhatTheTokenAdministrationNeeds_only() {
        var dev = StackFixtures.run("dev");
        var outputs = dev.outputs();
        assertThat(outputs.keySet()).containsExactlyInAnyOrder("connectionsTableName", "pendingRequestsTableName",
                "tokensTableName", "managementEndpoint", "tokenAdminPolicy",
                "bodyBucketName", "websocketEndpoint", "httpEndpoint", "websocketApiId", "httpApiId");
        assertThat(outputs).containsEntry("connectionsTableName", "http-tunnel-connections-dev")
                .containsEntry("pendingRequestsTableName", "http-tunnel-pending-requests-dev")
                .containsEntry("tokensTableName", "http-tunnel-tokens-dev")
                .containsEntry("managementEndpoint", "https://" + outputs.get("websocketApiId")
                        + ".execute-api.us-east-1.amazonaws.com/dev")
                .containsEntry("bodyBucketName", dev.ofType(Types.BUCKET).get(0).id());
    }

    @Test
    void prodExports_theCustomDomainToo() {
        assertThat(StackFixtures.run("prod").outputs().keySet()).containsAll(List.of(
                "connectionsTableName", "pendingRequestsTableName", "tokensTableName", "managementEndpoint",
                "tokenAdminPolicy", "bodyBucketName", "websocketEndpoint", "httpEndpoint", "websocketApiId",
                "httpApiId", "customDomainName", "customDomainTarget"));
    }
}
