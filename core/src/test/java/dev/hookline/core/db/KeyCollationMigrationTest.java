package dev.hookline.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.core.testing.TestEnvironment;
import dev.hookline.migrations.Migrations;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V7 moves the id and key columns to byte-order comparison ({@code COLLATE "C"}) on a database that already holds
 * rows: nothing is lost, the constraints still hold, partitions made later follow, and lookups still use the indexes.
 */
class KeyCollationMigrationTest {
    @RegisterExtension
    static final TestEnvironment env = TestEnvironment.withoutMigrations();

    /** Every column V7 changes, by table; partitions of messages and attempts are checked too. */
    private static final Map<String, List<String>> KEY_COLUMNS = Map.of(
            "tenants", List.of("id", "uid"),
            "api_keys", List.of("id", "tenant_id", "prefix"),
            "endpoints", List.of("id", "tenant_id", "uid"),
            "endpoint_secrets", List.of("id", "endpoint_id"),
            "messages", List.of("id", "tenant_id", "event_type"),
            "idempotency_keys", List.of("tenant_id", "key", "message_id"),
            "deliveries", List.of("id", "tenant_id", "message_id", "endpoint_id", "status"),
            "attempts", List.of("id", "tenant_id", "message_id", "endpoint_id", "delivery_id", "event_type", "status"));

    @BeforeAll
    static void migrateToV6WithRowsThenToTheLatest() {
        Flyway.configure()
                .dataSource(env.dataSource())
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        env.jdbi().useHandle(h -> h.execute("""
            INSERT INTO tenants VALUES ('tnt_1', 'acme', 'Acme', '{}', now(), now());
            INSERT INTO api_keys VALUES ('key_1', 'tnt_1', 'ci', 'hl_abc', '\\x01', now(), null);
            INSERT INTO endpoints (id, tenant_id, uid, url, created_at, updated_at)
                VALUES ('ep_1', 'tnt_1', 'orders', 'https://example.test/hook', now(), now());
            INSERT INTO endpoint_secrets (id, endpoint_id, key_id, ciphertext, created_at)
                VALUES ('sec_1', 'ep_1', 'k1', '\\x02', now());
            INSERT INTO messages (id, tenant_id, event_type, payload, created_at)
                VALUES ('msg_1', 'tnt_1', 'order.paid', '\\x7b7d', now());
            INSERT INTO idempotency_keys VALUES ('tnt_1', 'key:a', 'msg_1', now() + interval '1 day');
            INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, created_at, updated_at)
                VALUES ('dlv_1', 'tnt_1', 'msg_1', 'ep_1', 'succeeded', now(), now());
            INSERT INTO attempts (id, tenant_id, message_id, endpoint_id, delivery_id, event_type, attempt_number,
                                  trigger, url, status, duration_ms, created_at)
                VALUES ('atm_1', 'tnt_1', 'msg_1', 'ep_1', 'dlv_1', 'order.paid', 1, 'scheduled',
                        'https://example.test/hook', 'succeeded', 3, now())
            """));
        assertThat(Migrations.migrate(env.dataSource())).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theRowsWrittenBeforeAreAllThere() {
        env.jdbi().useHandle(h -> {
            for (String table : KEY_COLUMNS.keySet()) {
                // the operator's own tenant, which a later migration adds, is not one of the rows written before
                String others = table.equals("tenants") ? " WHERE id <> '" + OperatorTenant.ID + "'" : "";
                assertThat(h.select("SELECT count(*) FROM " + table + others)
                                .mapTo(Integer.class)
                                .one())
                        .as(table)
                        .isEqualTo(1);
            }
            assertThat(h.select("""
                SELECT d.status FROM deliveries d
                JOIN endpoints e ON e.id = d.endpoint_id
                JOIN messages m ON m.id = d.message_id
                JOIN attempts a ON a.delivery_id = d.id
                WHERE d.id = 'dlv_1'
                """).mapTo(String.class).list()).containsExactly("succeeded");
        });
    }

    @Test
    void everyKeyColumnComparesBytesInTheTablesAndTheirPartitions() {
        env.jdbi().useHandle(h -> {
            ensurePartitionsFarAhead(h); // made after V7: they must follow the parent
            KEY_COLUMNS.forEach((table, columns) -> {
                for (String column : columns) {
                    List<String> collations = h.select("""
                        SELECT coalesce(c.collation_name, 'default')
                        FROM information_schema.columns c
                        WHERE c.table_schema = 'public' AND c.column_name = :column
                          AND (c.table_name = :table OR c.table_name ~ ('^' || :table || '_p[0-9]{8}$'))
                        """)
                            .bind("table", table)
                            .bind("column", column)
                            .mapTo(String.class)
                            .list();
                    assertThat(collations).as(table + "." + column).isNotEmpty().containsOnly("C");
                }
            });
            assertThat(h.select("SELECT count(*) FROM pg_class WHERE relname ~ '^attempts_p[0-9]{8}$'")
                            .mapTo(Integer.class)
                            .one())
                    .isGreaterThan(4);
        });
    }

    @Test
    void namesPeopleReadKeepTheDatabaseCollation() {
        List<String> collated =
                env.jdbi().withHandle(h -> h.select("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND collation_name IS NOT NULL
              AND (table_name, column_name) IN (('event_types', 'name'), ('endpoints', 'url'), ('tenants', 'name'))
            """).mapTo(String.class).list());
        assertThat(collated).isEmpty();
    }

    @Test
    void foreignKeysStillHold() {
        assertThatThrownBy(() -> env.jdbi().useHandle(h -> h.execute("""
            INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, created_at, updated_at)
            VALUES ('dlv_2', 'tnt_1', 'msg_1', 'ep_missing', 'pending', now(), now())
            """)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("deliveries_endpoint_id_fkey");
    }

    @Test
    void lookupsByATextParameterStillUseAnIndexOnTheColumn() {
        // A parameter has the default collation; the column's "C" wins, so an index on it still serves the lookup
        // (which one depends on the planner's view of a one-row table).
        String plan = env.jdbi().withHandle(h -> {
            h.execute("SET enable_seqscan = off");
            return String.join(
                    "\n",
                    h.select("EXPLAIN SELECT status FROM deliveries WHERE id = CAST(:id AS text)")
                            .bind("id", "dlv_1")
                            .mapTo(String.class)
                            .list());
        });
        assertThat(plan).contains("Index Scan").contains("Index Cond: (id = ");
    }

    private static void ensurePartitionsFarAhead(Handle h) {
        h.execute(
                "SELECT hookline_ensure_partitions('attempts', now() + interval '60 days', now() + interval '70 days')");
        h.execute(
                "SELECT hookline_ensure_partitions('messages', now() + interval '60 days', now() + interval '70 days')");
    }
}
