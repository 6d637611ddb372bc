package dev.hookline.core.messages;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page of a tenant's messages: the filters that are set (null: not filtered), the keyset bound and size.
 * {@code endpointId} and {@code deliveryStatus} select messages by their deliveries: those with a delivery to that
 * endpoint, in that status ({@code pending} ones were not attempted yet). {@code scope}, when set, limits the log to
 * messages with a delivery to one of those endpoints (a portal session's), whatever the filters say.
 */
public record MessageQuery(
        String tenantId,
        String eventType,
        String channel,
        Instant since,
        Instant until,
        String before,
        int limit,
        String endpointId,
        String deliveryStatus,
        List<String> scope) {
    public MessageQuery {
        Objects.requireNonNull(tenantId, "tenantId == null");
        Objects.requireNonNull(before, "before == null");
        scope = scope == null ? null : List.copyOf(scope);
    }

    /** A query of the whole tenant's messages, by their own fields only. */
    public MessageQuery(
            String tenantId, String eventType, String channel, Instant since, Instant until, String before, int limit) {
        this(tenantId, eventType, channel, since, until, before, limit, null, null, null);
    }

    /** This query with another keyset bound and size. */
    public MessageQuery page(String before, int limit) {
        return new MessageQuery(
                tenantId, eventType, channel, since, until, before, limit, endpointId, deliveryStatus, scope);
    }

    /** The endpoints a scoped caller may see, as the SQL array {@code :scopeIds} binds; null when not scoped. */
    public String[] scopeIds() {
        return scope == null ? null : scope.toArray(String[]::new);
    }

    /**
     * The conditions of the filters that are set, as fixed SQL text; see {@code AttemptQuery#conditions}. The
     * delivery conditions are one {@code EXISTS} per message, answered by the deliveries' (message, endpoint) index.
     */
    public String conditions() {
        StringBuilder sql = new StringBuilder();
        if (eventType != null) {
            sql.append(" AND event_type = :eventType");
        }
        if (channel != null) {
            sql.append(" AND :channel = ANY(channels)");
        }
        if (since != null) {
            sql.append(" AND created_at >= :since");
        }
        if (until != null) {
            sql.append(" AND created_at < :until");
        }
        if (endpointId != null || deliveryStatus != null || scope != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = messages.id");
            if (endpointId != null) {
                sql.append(" AND d.endpoint_id = :endpointId");
            }
            if (deliveryStatus != null) {
                sql.append(" AND d.status = :deliveryStatus");
            }
            if (scope != null) {
                sql.append(" AND d.endpoint_id = ANY(:scopeIds)");
            }
            sql.append(")");
        }
        return sql.toString();
    }
}
