package dev.hookline.core.attempts;

import static dev.hookline.core.db.Jdbc.failed;
import static dev.hookline.core.db.Jdbc.textArray;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

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

    private AttemptSql() {
    }

    /** Stores attempts in one statement. */
    public static void insertAll(Connection c, List<AttemptRow> attempts) {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            bindAttempts(s, 1, attempts);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("storing attempts", e);
        }
    }

    /** Binds the 17 arrays of {@link #INSERT} from parameter {@code first} on; answers the next parameter's index. */
    public static int bindAttempts(PreparedStatement s, int first, List<AttemptRow> attempts) throws SQLException {
        Connection c = s.getConnection();
        int n = attempts.size();
        String[][] text = new String[13][n];
        Integer[][] numbers = new Integer[3][n];
        Boolean[] base64 = new Boolean[n];
        for (int i = 0; i < n; i++) {
            AttemptRow a = attempts.get(i);
            text[0][i] = a.id();
            text[1][i] = a.tenantId();
            text[2][i] = a.messageId();
            text[3][i] = a.endpointId();
            text[4][i] = a.deliveryId();
            text[5][i] = a.eventType();
            numbers[0][i] = a.attemptNumber();
            text[6][i] = a.trigger();
            text[7][i] = a.url();
            text[8][i] = a.status();
            numbers[1][i] = a.responseStatusCode();
            text[9][i] = a.responseBody();
            base64[i] = a.responseBodyBase64();
            numbers[2][i] = a.durationMs();
            text[10][i] = a.error();
            text[11][i] = a.createdAt().toString();
            text[12][i] = a.requestHeadersJson();
        }
        int p = first;
        for (int column = 0; column < 6; column++) {
            s.setArray(p++, textArray(c, text[column]));
        }
        s.setArray(p++, c.createArrayOf("int4", numbers[0]));
        s.setArray(p++, textArray(c, text[6]));
        s.setArray(p++, textArray(c, text[7]));
        s.setArray(p++, textArray(c, text[8]));
        s.setArray(p++, c.createArrayOf("int4", numbers[1]));
        s.setArray(p++, textArray(c, text[9]));
        s.setArray(p++, c.createArrayOf("bool", base64));
        s.setArray(p++, c.createArrayOf("int4", numbers[2]));
        s.setArray(p++, textArray(c, text[10]));
        s.setArray(p++, textArray(c, text[11]));
        s.setArray(p++, textArray(c, text[12]));
        return p;
    }
}
