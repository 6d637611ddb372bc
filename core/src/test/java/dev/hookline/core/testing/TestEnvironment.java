package dev.hookline.core.testing;

import dev.hookline.core.db.Database;
import dev.hookline.core.db.DatabaseUrl;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.redis.RedisUrl;
import dev.hookline.migrations.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one test fixture: a fresh, migrated PostgreSQL database and a private Redis key prefix per test class, so
 * classes never see each other's rows and run in any order.
 *
 * <pre>{@code
 * @RegisterExtension static final TestEnvironment env = new TestEnvironment();
 * }</pre>
 */
public final class TestEnvironment implements BeforeAllCallback, AfterAllCallback {
    private final boolean migrated;
    private final DatabaseUrl server;
    private String databaseName;
    private DatabaseUrl databaseUrl;
    private PGSimpleDataSource dataSource;
    private Jdbi jdbi;
    private UnifiedJedis redis;
    private String redisPrefix;

    public TestEnvironment() {
        this(true, null);
    }

    private TestEnvironment(boolean migrated, DatabaseUrl server) {
        this.migrated = migrated;
        this.server = server;
    }

    /** An empty database, for tests of the migrations themselves. */
    public static TestEnvironment withoutMigrations() {
        return new TestEnvironment(false, null);
    }

    /**
     * The class's database on a PostgreSQL server of its own ({@code adminDatabase} is its maintenance database)
     * instead of the shared one, for a test that crashes its server; Redis is still the shared one.
     */
    public static TestEnvironment on(DatabaseUrl adminDatabase) {
        return new TestEnvironment(true, adminDatabase);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass());
    }

    /** For test engines without Jupiter extensions (jqwik): what {@link #beforeAll} does, for {@code testClass}. */
    public void start(Class<?> testClass) throws Exception {
        databaseName =
                "hookline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = connect(adminDatabase());
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + databaseName);
        }
        databaseUrl = adminDatabase().withDatabase(databaseName);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(databaseUrl.jdbcUrl());
        if (databaseUrl.user() != null) {
            dataSource.setUser(databaseUrl.user());
        }
        if (databaseUrl.password() != null) {
            dataSource.setPassword(databaseUrl.password());
        }
        if (migrated) {
            Migrations.migrate(dataSource);
        }
        jdbi = Database.jdbi(dataSource);
        redis = RedisUrl.parse(redisUrl()).connect();
        redisPrefix = "test-" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public void stop() throws Exception {
        if (redis != null) {
            for (String key : redis.keys(redisPrefix + "*")) {
                redis.del(key);
            }
            redis.close();
        }
        if (databaseName != null) {
            try (Connection admin = connect(adminDatabase());
                    Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            }
        }
    }

    private DatabaseUrl adminDatabase() {
        return server != null ? server : TestServers.get().adminDatabase();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseUrl databaseUrl() {
        return databaseUrl;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public UnifiedJedis redis() {
        return redis;
    }

    public String redisUrl() {
        return TestServers.get().redisUrl();
    }

    /** Every Redis key of this class starts with this. */
    public String redisPrefix() {
        return redisPrefix;
    }

    public DeliveryQueue queue() {
        return new DeliveryQueue(redis, redisPrefix);
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }
}
