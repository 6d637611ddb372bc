package dev.hookline.core.testing;

import dev.hookline.core.db.DatabaseUrl;
import dev.hookline.core.embedded.EmbeddedPostgresServer;
import dev.hookline.core.embedded.EmbeddedRedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Where the tests' PostgreSQL and Redis come from, decided once per JVM, in this order:
 * {@code HOOKLINE_TEST_DATABASE_URL} / {@code HOOKLINE_TEST_REDIS_URL} (CI points them at the machine's servers),
 * then Testcontainers when a Docker engine answers, then the embedded servers.
 */
public final class TestServers {
    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);
    private static volatile TestServers instance;

    private final DatabaseUrl adminDatabase;
    private final String redisUrl;
    private final String source;

    private TestServers(DatabaseUrl adminDatabase, String redisUrl, String source) {
        this.adminDatabase = adminDatabase;
        this.redisUrl = redisUrl;
        this.source = source;
    }

    public static TestServers get() {
        TestServers current = instance;
        if (current == null) {
            synchronized (TestServers.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    instance = current;
                    LOG.info(
                            "test servers: {} (PostgreSQL {}, Redis {})",
                            current.source,
                            current.adminDatabase.jdbcUrl(),
                            current.redisUrl);
                }
            }
        }
        return current;
    }

    /** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
    public DatabaseUrl adminDatabase() {
        return adminDatabase;
    }

    public String redisUrl() {
        return redisUrl;
    }

    public String source() {
        return source;
    }

    private static TestServers start() {
        String dbUrl = System.getenv("HOOKLINE_TEST_DATABASE_URL");
        String redisUrl = System.getenv("HOOKLINE_TEST_REDIS_URL");
        DatabaseUrl database = dbUrl == null || dbUrl.isBlank() ? null : DatabaseUrl.parse(dbUrl);
        String redis = redisUrl == null || redisUrl.isBlank() ? null : redisUrl;
        String source = "environment";
        if ((database == null || redis == null) && dockerAnswers()) {
            source = "testcontainers";
            if (database == null) {
                database = postgresContainer();
            }
            if (redis == null) {
                redis = redisContainer();
            }
        }
        if (database == null || redis == null) {
            source = database == null && redis == null ? "embedded" : source + "+embedded";
            if (database == null) {
                database = embeddedPostgres();
            }
            if (redis == null) {
                redis = embeddedRedis();
            }
        }
        return new TestServers(database, redis, source);
    }

    /** Probes for a Docker engine without letting a missing one cost more than a few seconds. */
    static boolean dockerAnswers() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false;
        }
        try {
            return CompletableFuture.supplyAsync(
                            () -> DockerClientFactory.instance().isDockerAvailable())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static DatabaseUrl postgresContainer() {
        GenericContainer<?> pg = new GenericContainer<>("postgres:16-alpine")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        pg.start();
        return DatabaseUrl.parse(
                "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/postgres?user=postgres");
    }

    @SuppressWarnings("resource")
    private static String redisContainer() {
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redis.start();
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    private static DatabaseUrl embeddedPostgres() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        return DatabaseUrl.parse(server.jdbcUrl("postgres"));
    }

    private static String embeddedRedis() {
        EmbeddedRedisServer server = EmbeddedRedisServer.start(null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-redis-stop"));
        return server.url();
    }
}
