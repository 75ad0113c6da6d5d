package dev.httptunnel.infra.storage;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.dynamodb.inputs.TableGlobalSecondaryIndexArgs;
import com.pulumi.aws.dynamodb.inputs.TablePointInTimeRecoveryArgs;
import com.pulumi.aws.dynamodb.inputs.TableServerSideEncryptionArgs;
import com.pulumi.aws.dynamodb.inputs.TableTtlArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.httptunnel.infra.config.StackSettings;
import dev.httptunnel.lambda.adapter.dynamodb.TableDesign;

import java.util.Map;

/**
 * The three on-demand tables, with the keys, index and TTL attribute of {@link TableDesign}: the same
 * definition the handlers' adapters read and the local gateway and tests create tables from. Connections
 * and pending requests expire through the {@code ttl} attribute, because {@code $disconnect} is best effort
 * and abandoned requests must not pile up. Tokens and the names they hold are kept for good, in a table of
 * their own, so that only the connect handler's role (and the owner) can reach them, with point-in-time
 * recovery (a lost name item would free a name for another token) and encryption under a KMS key.
 */
public final class TunnelTables extends ComponentResource {

    private final Table connections;
    private final Table pendingRequests;
    private final Table tokens;

    public TunnelTables(String name, StackSettings settings, ComponentResourceOptions options) {
        super("http-tunnel:storage:TunnelTables", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.connections = new Table("connections-table", TableArgs.builder()
                .name(TableDesign.connectionsTableName(settings.environment()))
                .billingMode("PAY_PER_REQUEST")
                .hashKey(TableDesign.CONNECTION_ID)
                .attributes(
                        TableAttributeArgs.builder().name(TableDesign.CONNECTION_ID).type("S").build(),
                        TableAttributeArgs.builder().name(TableDesign.PUBLIC_SUBDOMAIN).type("S").build())
                // The forwarding handler finds a tunnel's agent by the subdomain in the request.
                .globalSecondaryIndexes(TableGlobalSecondaryIndexArgs.builder()
                        .name(TableDesign.SUBDOMAIN_INDEX)
                        .hashKey(TableDesign.PUBLIC_SUBDOMAIN)
                        .projectionType("ALL")
                        .build())
                .ttl(ttl())
                .tags(settings.tags("HTTP Tunnel Connections"))
                .build(), child);

        this.pendingRequests = new Table("pending-requests-table", TableArgs.builder()
                .name(TableDesign.pendingRequestsTableName(settings.environment()))
                .billingMode("PAY_PER_REQUEST")
                .hashKey(TableDesign.REQUEST_ID)
                .attributes(TableAttributeArgs.builder().name(TableDesign.REQUEST_ID).type("S").build())
                .ttl(ttl())
                .tags(settings.tags("HTTP Tunnel Pending Requests"))
                .build(), child);

        this.tokens = new Table("tokens-table", TableArgs.builder()
                .name(TableDesign.tokensTableName(settings.environment()))
                .billingMode("PAY_PER_REQUEST")
                .hashKey(TableDesign.TOKEN_KEY)
                .attributes(TableAttributeArgs.builder().name(TableDesign.TOKEN_KEY).type("S").build())
                .pointInTimeRecovery(TablePointInTimeRecoveryArgs.builder().enabled(true).build())
                .serverSideEncryption(TableServerSideEncryptionArgs.builder().enabled(true).build())
                .tags(settings.tags("HTTP Tunnel Tokens"))
                .build(), child);

        registerOutputs(Map.of(
                "connectionsTableName", connections.name(),
                "pendingRequestsTableName", pendingRequests.name(),
                "tokensTableName", tokens.name()));
    }

    private static TableTtlArgs ttl() {
        return TableTtlArgs.builder().attributeName(TableDesign.TTL).enabled(true).build();
    }

    public Output<String> connectionsName() {
        return connections.name();
    }

    public Output<String> connectionsArn() {
        return connections.arn();
    }

    public Output<String> pendingRequestsName() {
        return pendingRequests.name();
    }

    public Output<String> pendingRequestsArn() {
        return pendingRequests.arn();
    }

    public Output<String> tokensName() {
        return tokens.name();
    }

    public Output<String> tokensArn() {
        return tokens.arn();
    }
}
