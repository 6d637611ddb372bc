package dev.hookline.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the delivery log costs PostgreSQL on disk and in its write-ahead log: for the attempt, message and delivery
 * tables, their size with indexes and TOAST ({@code pg_total_relation_size}, summed over a partitioned table's
 * partitions) over their row count, and the WAL written so far ({@code pg_stat_wal}, PostgreSQL 14+).
 */
public final class StorageProbe {
    /** A table's rows and bytes (heap, indexes, TOAST). */
    public record TableSize(String table, long rows, long bytes) {
        public double bytesPerRow() {
            return rows == 0 ? 0 : (double) bytes / rows;
        }
    }

    private final String jdbcUrl;

    public StorageProbe(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public TableSize size(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement()) {
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                rows = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('" + table + "'::regclass)"
                    + " + coalesce((SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i"
                    + " WHERE i.inhparent = '" + table + "'::regclass), 0)")) {
                rs.next();
                return new TableSize(table, rows, rs.getLong(1));
            }
        }
    }

    /** WAL bytes written by the server since its statistics were last reset; -1 where pg_stat_wal is missing. */
    public long walBytes() {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT wal_bytes FROM pg_stat_wal")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
