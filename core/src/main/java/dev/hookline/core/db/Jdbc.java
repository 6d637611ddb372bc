package dev.hookline.core.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/** What the plain-JDBC hot paths ({@code IngestSql}, {@code DeliverySql}, {@code AttemptSql}) bind and read alike. */
public final class Jdbc {
    private Jdbc() {}

    /** A {@code text[]} parameter; null elements stay SQL NULLs. */
    public static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return textArray(c, values.toArray(String[]::new));
    }

    public static Array textArray(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    /** A {@code timestamptz} parameter. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Unchecked, with the driver's exception as the cause: the API maps connection failures to a 503 by it, and the
     * worker keeps its batch and retries.
     */
    public static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
