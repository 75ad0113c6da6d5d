package dev.httptunnel.lambda.adapter.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A row of the pending-requests table. Small until answered, so each poll reads one capacity unit. */
public final class PendingRequestItem {

    static final String CONNECTION_ID = "connectionId";
    static final String TUNNEL_ID = "tunnelId";
    static final String DEADLINE = "deadline";
    static final String ANSWER = "answer";
    static final String ANSWERED_AT = "answeredAt";

    static final TableSchema<PendingRequestItem> SCHEMA = StaticTableSchema.builder(PendingRequestItem.class)
            .newItemSupplier(PendingRequestItem::new)
            .addAttribute(String.class, a -> a.name(TableDesign.REQUEST_ID)
                    .getter(PendingRequestItem::getRequestId).setter(PendingRequestItem::setRequestId)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(CONNECTION_ID)
                    .getter(PendingRequestItem::getConnectionId).setter(PendingRequestItem::setConnectionId))
            .addAttribute(String.class, a -> a.name(TUNNEL_ID)
                    .getter(PendingRequestItem::getTunnelId).setter(PendingRequestItem::setTunnelId))
            .addAttribute(Long.class, a -> a.name("createdAt")
                    .getter(PendingRequestItem::getCreatedAt).setter(PendingRequestItem::setCreatedAt))
            .addAttribute(Long.class, a -> a.name(DEADLINE)
                    .getter(PendingRequestItem::getDeadline).setter(PendingRequestItem::setDeadline))
            .addAttribute(Long.class, a -> a.name(TableDesign.TTL)
                    .getter(PendingRequestItem::getTtl).setter(PendingRequestItem::setTtl))
            .addAttribute(String.class, a -> a.name(ANSWER)
                    .getter(PendingRequestItem::getAnswer).setter(PendingRequestItem::setAnswer))
            .addAttribute(Long.class, a -> a.name(ANSWERED_AT)
                    .getter(PendingRequestItem::getAnsweredAt).setter(PendingRequestItem::setAnsweredAt))
            .build();

    private String requestId;
    private String connectionId;
    private String tunnelId;
    private Long createdAt;
    private Long deadline;
    private Long ttl;
    private String answer;
    private Long answeredAt;

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getConnectionId() {
        return connectionId;
    }

    public void setConnectionId(String connectionId) {
        this.connectionId = connectionId;
    }

    public String getTunnelId() {
        return tunnelId;
    }

    public void setTunnelId(String tunnelId) {
        this.tunnelId = tunnelId;
    }

    /** Epoch milliseconds. */
    public Long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Long createdAt) {
        this.createdAt = createdAt;
    }

    /** Epoch milliseconds after which answers are refused. */
    public Long getDeadline() {
        return deadline;
    }

    public void setDeadline(Long deadline) {
        this.deadline = deadline;
    }

    /** Epoch seconds after which the row is dead. */
    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }

    public String getAnswer() {
        return answer;
    }

    public void setAnswer(String answer) {
        this.answer = answer;
    }

    /** Epoch milliseconds at which the answer was recorded. */
    public Long getAnsweredAt() {
        return answeredAt;
    }

    public void setAnsweredAt(Long answeredAt) {
        this.answeredAt = answeredAt;
    }
}
