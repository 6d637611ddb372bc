package dev.hookline.core.messages;

import java.time.Instant;
import java.util.Objects;

/** A page of a tenant's messages: the filters that are set (null: not filtered), the keyset bound and size. */
public record MessageQuery(
        String tenantId, String eventType, String channel, Instant since, Instant until, String before, int limit) {
    public MessageQuery {
        Objects.requireNonNull(tenantId, "tenantId == null");
        Objects.requireNonNull(before, "before == null");
    }

    /** The conditions of the filters that are set, as fixed SQL text; see {@code AttemptQuery#conditions}. */
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
        return sql.toString();
    }
}
