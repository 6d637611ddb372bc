package dev.hookline.core.retention;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The weekly partitions of {@code attempts} and {@code messages} (named {@code <table>_pYYYYMMDD} after the UTC
 * Monday they start), through the SQL functions of migration V4_1.
 */
public interface PartitionDao {
    String ATTEMPTS = "attempts";
    String MESSAGES = "messages";

    /** Creates the missing weeks covering {@code [from, to)}; answers how many partitions were created. */
    @SqlQuery("SELECT hookline_ensure_partitions(:table, :from, :to)")
    int ensure(@Bind("table") String table, @Bind("from") Instant from, @Bind("to") Instant to);

    /** Drops every week that ended at or before {@code olderThan}; answers the dropped partitions. */
    @SqlQuery("SELECT hookline_drop_partitions(:table, :olderThan)")
    List<String> dropOlderThan(@Bind("table") String table, @Bind("olderThan") Instant olderThan);

    @SqlQuery("""
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = CAST(:table AS regclass) ORDER BY c.relname
        """)
    List<String> list(@Bind("table") String table);
}
