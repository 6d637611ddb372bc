package dev.hookline.core.attempts;

import static dev.hookline.core.db.Jdbc.failed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Writing the attempt log, in plain JDBC on the caller's transaction: the worker writes every attempt it makes, so
 * this runs thousands of times a second, and JDBI's {@code @BindMethods} batch (reflection per column per row, and
 * an {@code attach} building invokers for every {@link AttemptDao} method) cost more CPU than the insert itself.
 * Reading the log stays in {@link AttemptDao}.
 */
public final class AttemptSql {
    /**
     * Attempts from 17 arrays in step, one element per attempt ({@link #bindAttempts}): one statement and one
     * prepared plan for any number of rows, which the recorder also runs inside its own statement
     * ({@code DeliverySql.record}). Idempotent: when a connection dies after the commit but before its answer, the
     * recorder writes the same batch again (PostgresOutageTest).
     */
    public static final String INSERT = """
        INSERT INTO attempts (id, tenant_id, message_id, endpoint_id, delivery_id, event_type, attempt_number,
                              trigger, url, status, response_status_code, response_body, response_body_base64,
                              duration_ms, error, created_at, request_headers)
        SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                             CAST(? AS text[]), CAST(? AS text[]), CAST(? AS int[]), CAST(? AS text[]),
                             CAST(? AS text[]), CAST(? AS text[]), CAST(? AS int[]), CAST(? AS text[]),
                             CAST(? AS boolean[]), CAST(? AS int[]), CAST(? AS text[]),
                             CAST(? AS text[])::timestamptz[], CAST(? AS text[])::jsonb[])
        ON CONFLICT (id, created_at) DO NOTHING
        """;

    private AttemptSql() {}

    /** Stores attempts in one statement. */
    public static void insertAll(Connection c, List<AttemptRow> attempts) {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            bindAttempts(s, 1, attempts);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("storing attempts", e);
        }
    }

    /** A column of {@link #INSERT}: its array's element type and the attempt's value (null for SQL NULL). */
    private record Column(String type, Function<AttemptRow, Object> value) {}

    /** In the order of {@link #INSERT}. */
    private static final List<Column> COLUMNS = List.of(
            new Column("text", AttemptRow::id),
            new Column("text", AttemptRow::tenantId),
            new Column("text", AttemptRow::messageId),
            new Column("text", AttemptRow::endpointId),
            new Column("text", AttemptRow::deliveryId),
            new Column("text", AttemptRow::eventType),
            new Column("int4", AttemptRow::attemptNumber),
            new Column("text", AttemptRow::trigger),
            new Column("text", AttemptRow::url),
            new Column("text", AttemptRow::status),
            new Column("int4", AttemptRow::responseStatusCode),
            new Column("text", AttemptRow::responseBody),
            new Column("bool", AttemptRow::responseBodyBase64),
            new Column("int4", AttemptRow::durationMs),
            new Column("text", AttemptRow::error),
            new Column("text", a -> a.createdAt().toString()),
            new Column("text", AttemptRow::requestHeadersJson));

    /** Binds the 17 arrays of {@link #INSERT} from parameter {@code first} on; answers the next parameter's index. */
    public static int bindAttempts(PreparedStatement s, int first, List<AttemptRow> attempts) throws SQLException {
        int p = first;
        for (Column column : COLUMNS) {
            Object[] values = new Object[attempts.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(attempts.get(i));
            }
            s.setArray(p++, s.getConnection().createArrayOf(column.type(), values));
        }
        return p;
    }
}
