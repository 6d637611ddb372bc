package dev.hookline.core.attempts;

import dev.hookline.sdk.model.Attempt;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterRowMapper(AttemptDao.Mapper.class)
public interface AttemptDao {
    String COLUMNS = """
        id, message_id, endpoint_id, attempt_number, trigger, url, status, response_status_code, response_body,
        duration_ms, error, created_at
        """;

    /**
     * Many attempts in one batch (rewritten by the driver into multi-row INSERTs). Idempotent: when a connection dies
     * after the commit but before its answer, the recorder writes the same batch again (PostgresOutageTest).
     */
    @SqlBatch("""
        INSERT INTO attempts (id, tenant_id, message_id, endpoint_id, delivery_id, event_type, attempt_number,
                              trigger, url, status, response_status_code, response_body, response_body_base64,
                              duration_ms, error, created_at)
        VALUES (:id, :tenantId, :messageId, :endpointId, :deliveryId, :eventType, :attemptNumber,
                :trigger, :url, :status, :responseStatusCode, :responseBody, :responseBodyBase64,
                :durationMs, :error, :createdAt)
        ON CONFLICT (id) DO NOTHING
        """)
    void insertAll(@BindMethods List<AttemptRow> attempts);

    @SqlQuery("SELECT " + COLUMNS + " FROM attempts WHERE tenant_id = :tenantId AND id = :id")
    Optional<Attempt> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM attempts
        WHERE tenant_id = :tenantId AND id < :before
          AND (CAST(:endpointId AS text) IS NULL OR endpoint_id = :endpointId)
          AND (CAST(:messageId AS text) IS NULL OR message_id = :messageId)
          AND (CAST(:status AS text) IS NULL OR status = :status)
        ORDER BY id DESC LIMIT :limit
        """)
    List<Attempt> list(@Bind("tenantId") String tenantId, @Bind("before") String before,
                       @Bind("endpointId") String endpointId, @Bind("messageId") String messageId,
                       @Bind("status") String status, @Bind("limit") int limit);

    final class Mapper implements RowMapper<Attempt> {
        @Override
        public Attempt map(ResultSet rs, StatementContext ctx) throws SQLException {
            int code = rs.getInt("response_status_code");
            Integer boxedCode = rs.wasNull() ? null : code;
            return new Attempt(rs.getString("id"), rs.getString("message_id"), rs.getString("endpoint_id"),
                    rs.getInt("attempt_number"), rs.getString("trigger"), rs.getString("url"), rs.getString("status"),
                    boxedCode, rs.getString("response_body"), rs.getLong("duration_ms"), rs.getString("error"),
                    rs.getTimestamp("created_at").toInstant());
        }
    }
}
