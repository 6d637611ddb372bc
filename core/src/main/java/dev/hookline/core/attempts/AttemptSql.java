package dev.hookline.core.attempts;

import static dev.hookline.core.db.Jdbc.failed;
import static dev.hookline.core.db.Jdbc.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writing the attempt log, in plain JDBC on the caller's transaction: the worker writes every attempt it makes, so
 * this runs thousands of times a second, and JDBI's {@code @BindMethods} batch (reflection per column per row, and
 * an {@code attach} building invokers for every {@link AttemptDao} method) cost more CPU than the insert itself.
 * Reading the log stays in {@link AttemptDao}.
 */
public final class AttemptSql {
    private static final String INSERT = """
        INSERT INTO attempts (id, tenant_id, message_id, endpoint_id, delivery_id, event_type, attempt_number,
                              trigger, url, status, response_status_code, response_body, response_body_base64,
                              duration_ms, error, created_at, request_headers)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
        ON CONFLICT (id, created_at) DO NOTHING
        """;

    private AttemptSql() {
    }

    /**
     * Many attempts in one batch (rewritten by the driver into multi-row INSERTs). Idempotent: when a connection dies
     * after the commit but before its answer, the recorder writes the same batch again (PostgresOutageTest).
     */
    public static void insertAll(Connection c, List<AttemptRow> attempts) {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (AttemptRow a : attempts) {
                s.setString(1, a.id());
                s.setString(2, a.tenantId());
                s.setString(3, a.messageId());
                s.setString(4, a.endpointId());
                s.setString(5, a.deliveryId());
                s.setString(6, a.eventType());
                s.setInt(7, a.attemptNumber());
                s.setString(8, a.trigger());
                s.setString(9, a.url());
                s.setString(10, a.status());
                if (a.responseStatusCode() == null) {
                    s.setNull(11, Types.INTEGER);
                } else {
                    s.setInt(11, a.responseStatusCode());
                }
                s.setString(12, a.responseBody());
                s.setBoolean(13, a.responseBodyBase64());
                s.setInt(14, a.durationMs());
                s.setString(15, a.error());
                s.setObject(16, timestamp(a.createdAt()));
                s.setString(17, a.requestHeadersJson());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failed("storing attempts", e);
        }
    }
}
