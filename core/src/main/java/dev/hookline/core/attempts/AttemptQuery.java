package dev.hookline.core.attempts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page of the attempt log: the filters that are set (null: not filtered), the keyset bound {@code before}
 * (an attempt id; rows strictly below it) and the number of rows to read. {@code scope}, when set, limits the log
 * to those endpoints (a portal session's), whatever the filters say.
 *
 * @param statusCodeClass 0 for attempts without an HTTP answer, else the hundred of the status (200, 300, 400, 500)
 */
public record AttemptQuery(
        String tenantId,
        String endpointId,
        String messageId,
        String status,
        Integer statusCodeClass,
        String eventType,
        Instant since,
        Instant until,
        String before,
        int limit,
        List<String> scope) {
    public AttemptQuery {
        Objects.requireNonNull(tenantId, "tenantId == null");
        Objects.requireNonNull(before, "before == null");
        scope = scope == null ? null : List.copyOf(scope);
    }

    /** This query of the whole tenant: no endpoint scope. */
    public AttemptQuery(
            String tenantId,
            String endpointId,
            String messageId,
            String status,
            Integer statusCodeClass,
            String eventType,
            Instant since,
            Instant until,
            String before,
            int limit) {
        this(tenantId, endpointId, messageId, status, statusCodeClass, eventType, since, until, before, limit, null);
    }

    /** This query with another keyset bound and size. */
    public AttemptQuery page(String before, int limit) {
        return new AttemptQuery(
                tenantId,
                endpointId,
                messageId,
                status,
                statusCodeClass,
                eventType,
                since,
                until,
                before,
                limit,
                scope);
    }

    /** The endpoints a scoped caller may see, as the SQL array {@code :scopeIds} binds; null when not scoped. */
    public String[] scopeIds() {
        return scope == null ? null : scope.toArray(String[]::new);
    }

    /**
     * The conditions of the filters that are set, as fixed SQL text (values stay bound parameters). Only the
     * filters in use reach PostgreSQL, so each query is planned for its own indexes: a catch-all
     * {@code (:x IS NULL OR col = :x)} would let a cached generic plan ignore the endpoint index.
     */
    public String conditions() {
        StringBuilder sql = new StringBuilder();
        if (scope != null) {
            sql.append(" AND endpoint_id = ANY(:scopeIds)");
        }
        if (endpointId != null) {
            sql.append(" AND endpoint_id = :endpointId");
        }
        if (messageId != null) {
            sql.append(" AND message_id = :messageId");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (statusCodeClass != null) {
            sql.append(
                    statusCodeClass == 0
                            ? " AND response_status_code IS NULL"
                            : " AND response_status_code >= :codeFrom AND response_status_code < :codeTo");
        }
        if (eventType != null) {
            sql.append(" AND event_type = :eventType");
        }
        if (since != null) {
            sql.append(" AND created_at >= :since");
        }
        if (until != null) {
            sql.append(" AND created_at < :until");
        }
        return sql.toString();
    }

    public Integer codeFrom() {
        return statusCodeClass == null ? null : statusCodeClass;
    }

    public Integer codeTo() {
        return statusCodeClass == null ? null : statusCodeClass + 100;
    }
}
