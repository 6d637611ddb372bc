package dev.hookline.core.attempts;

import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.StatsBucket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The attempt log. The table is partitioned by week on {@code created_at} (V4_1); every query here reads through
 * the parent, and the ones with a time window let PostgreSQL skip the weeks outside it. Writing is
 * {@link AttemptSql}.
 */
@RegisterRowMapper(AttemptDao.Mapper.class)
@RegisterConstructorMapper(AttemptStats.class)
public interface AttemptDao {
    String COLUMNS = """
        id, message_id, endpoint_id, attempt_number, trigger, url, status, response_status_code, response_body,
        duration_ms, error, created_at, event_type, request_headers::text AS request_headers
        """;

    @SqlQuery("SELECT " + COLUMNS + " FROM attempts WHERE tenant_id = :tenantId AND id = :id")
    Optional<Attempt> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

    /** One page of {@code query}, newest first. */
    default List<Attempt> search(AttemptQuery query) {
        return search(query.conditions(), query);
    }

    @SqlQuery("SELECT " + COLUMNS + """
         FROM attempts
        WHERE tenant_id = :tenantId AND id < :before <conditions>
        ORDER BY id DESC LIMIT :limit
        """)
    List<Attempt> search(@Define("conditions") String conditions, @BindMethods AttemptQuery query);

    /** Outcome counts per response class and latency percentiles of one endpoint over {@code [since, until)}. */
    @SqlQuery("""
        SELECT count(*) AS total,
               count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
               count(*) FILTER (WHERE response_status_code IS NULL) AS none,
               count(*) FILTER (WHERE response_status_code >= 100 AND response_status_code < 200) AS c1xx,
               count(*) FILTER (WHERE response_status_code >= 200 AND response_status_code < 300) AS c2xx,
               count(*) FILTER (WHERE response_status_code >= 300 AND response_status_code < 400) AS c3xx,
               count(*) FILTER (WHERE response_status_code >= 400 AND response_status_code < 500) AS c4xx,
               count(*) FILTER (WHERE response_status_code >= 500) AS c5xx,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p50_ms,
               percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p99_ms
        FROM attempts
        WHERE tenant_id = :tenantId AND endpoint_id = :endpointId AND created_at >= :since AND created_at < :until
        """)
    AttemptStats stats(
            @Bind("tenantId") String tenantId,
            @Bind("endpointId") String endpointId,
            @Bind("since") Instant since,
            @Bind("until") Instant until);

    /**
     * The endpoint's attempts over {@code [since, until)} per UTC {@code unit} ({@code hour} or {@code day}), oldest
     * first; only buckets that have attempts are rows.
     */
    @SqlQuery("""
        SELECT date_trunc(:unit, created_at, 'UTC') AS start,
               count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
               count(*) FILTER (WHERE status = 'failed') AS failed,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p50_ms,
               percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p99_ms
        FROM attempts
        WHERE tenant_id = :tenantId AND endpoint_id = :endpointId AND created_at >= :since AND created_at < :until
        GROUP BY 1 ORDER BY 1
        """)
    @RegisterConstructorMapper(StatsBucket.class)
    List<StatsBucket> statsBuckets(
            @Bind("tenantId") String tenantId,
            @Bind("endpointId") String endpointId,
            @Bind("unit") String unit,
            @Bind("since") Instant since,
            @Bind("until") Instant until);

    /**
     * Attempt counts of each of {@code endpointIds} since {@code since}; endpoints without attempts have no row. The
     * id bound ({@code sinceId}, the smallest attempt id of that time) lets each endpoint's index be read as a range.
     */
    @SqlQuery("""
        SELECT endpoint_id, count(*) AS attempts, count(*) FILTER (WHERE status = 'succeeded') AS succeeded
        FROM attempts
        WHERE tenant_id = :tenantId AND endpoint_id = ANY(:endpointIds) AND created_at >= :since AND id >= :sinceId
        GROUP BY endpoint_id
        """)
    @RegisterConstructorMapper(EndpointCounts.class)
    List<EndpointCounts> counts(
            @Bind("tenantId") String tenantId,
            @Bind("endpointIds") String[] endpointIds,
            @Bind("since") Instant since,
            @Bind("sinceId") String sinceId);

    /** Attempts of one endpoint in a window. */
    record EndpointCounts(String endpointId, long attempts, long succeeded) {}

    /** The latest failed attempt of each of {@code endpointIds} that has one, each found by one index probe. */
    @SqlQuery("""
        SELECT f.endpoint_id, f.id, f.created_at, f.response_status_code, f.error
        FROM unnest(CAST(:endpointIds AS text[])) AS e(id)
        CROSS JOIN LATERAL (
            SELECT a.endpoint_id, a.id, a.created_at, a.response_status_code, a.error FROM attempts a
            WHERE a.endpoint_id = e.id AND a.status = 'failed' AND a.tenant_id = :tenantId
            ORDER BY a.id DESC LIMIT 1) f
        """)
    @RegisterConstructorMapper(LastFailure.class)
    List<LastFailure> lastFailures(@Bind("tenantId") String tenantId, @Bind("endpointIds") String[] endpointIds);

    /** An endpoint's latest failed attempt; {@code responseStatusCode} null when no HTTP answer came. */
    record LastFailure(String endpointId, String id, Instant createdAt, Integer responseStatusCode, String error) {}

    final class Mapper implements RowMapper<Attempt> {
        @Override
        public Attempt map(ResultSet rs, StatementContext ctx) throws SQLException {
            int code = rs.getInt("response_status_code");
            Integer boxedCode = rs.wasNull() ? null : code;
            return new Attempt(
                    rs.getString("id"),
                    rs.getString("message_id"),
                    rs.getString("endpoint_id"),
                    rs.getInt("attempt_number"),
                    rs.getString("trigger"),
                    rs.getString("url"),
                    rs.getString("status"),
                    boxedCode,
                    rs.getString("response_body"),
                    rs.getLong("duration_ms"),
                    rs.getString("error"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getString("event_type"),
                    Json.stringMap(rs.getString("request_headers")));
        }
    }
}
