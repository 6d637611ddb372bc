package dev.hookline.core.attempts;

import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.Attempt;
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
