package dev.httptunnel.lambda.adapter.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A row of the connections table: either a connection ({@code publicSubdomain} set) or the claim
 * on a tunnel name ({@code connectionId = "tunnel#<name>"}, {@code claimedBy} set). Both carry the hash of the
 * token the agent presented.
 */
public final class ConnectionItem {

    static final String CLAIM_PREFIX = "tunnel#";
    static final String TOKEN_HASH = "tokenHash";

    static final TableSchema<ConnectionItem> SCHEMA = StaticTableSchema.builder(ConnectionItem.class)
            .newItemSupplier(ConnectionItem::new)
            .addAttribute(String.class, a -> a.name(TableDesign.CONNECTION_ID)
                    .getter(ConnectionItem::getConnectionId).setter(ConnectionItem::setConnectionId)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TableDesign.PUBLIC_SUBDOMAIN)
                    .getter(ConnectionItem::getPublicSubdomain).setter(ConnectionItem::setPublicSubdomain)
                    .tags(StaticAttributeTags.secondaryPartitionKey(TableDesign.SUBDOMAIN_INDEX)))
            .addAttribute(Long.class, a -> a.name("connectedAt")
                    .getter(ConnectionItem::getConnectedAt).setter(ConnectionItem::setConnectedAt))
            .addAttribute(String.class, a -> a.name(TOKEN_HASH)
                    .getter(ConnectionItem::getTokenHash).setter(ConnectionItem::setTokenHash))
            .addAttribute(String.class, a -> a.name("claimedBy")
                    .getter(ConnectionItem::getClaimedBy).setter(ConnectionItem::setClaimedBy))
            .addAttribute(Long.class, a -> a.name(TableDesign.TTL)
                    .getter(ConnectionItem::getTtl).setter(ConnectionItem::setTtl))
            .build();

    private String connectionId;
    private String publicSubdomain;
    private Long connectedAt;
    private String tokenHash;
    private String claimedBy;
    private Long ttl;

    public String getConnectionId() {
        return connectionId;
    }

    public void setConnectionId(String connectionId) {
        this.connectionId = connectionId;
    }

    public String getPublicSubdomain() {
        return publicSubdomain;
    }

    public void setPublicSubdomain(String publicSubdomain) {
        this.publicSubdomain = publicSubdomain;
    }

    /** Epoch milliseconds. */
    public Long getConnectedAt() {
        return connectedAt;
    }

    public void setConnectedAt(Long connectedAt) {
        this.connectedAt = connectedAt;
    }

    /** The hash of the agent's token, on both the connection and the claim. */
    public String getTokenHash() {
        return tokenHash;
    }

    public void setTokenHash(String tokenHash) {
        this.tokenHash = tokenHash;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    /** Epoch seconds after which the row is dead. */
    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }
}
