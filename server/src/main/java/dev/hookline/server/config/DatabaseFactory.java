package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hookline.core.db.DatabaseUrl;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.Optional;

/**
 * Where PostgreSQL is: a JDBC URL or a {@code postgres://user:pass@host/db} URL, plus pool size; and, optionally, a
 * streaming replica that serves the delivery log's reads ({@code LogReads}).
 */
public class DatabaseFactory {
    @NotBlank
    @JsonProperty
    public String url = "jdbc:postgresql://127.0.0.1:5432/hookline";

    @JsonProperty
    public String user = "postgres";

    @JsonProperty
    public String password = "";

    @Min(2)
    @Max(500)
    @JsonProperty
    public int maxConnections = 32;

    /** A hot standby of the primary for the log's reads ({@code HOOKLINE_DATABASE_READ_URL}); empty for none. */
    @JsonProperty
    public String readUrl = "";

    /** The replica's user and password; empty: the primary's. */
    @JsonProperty
    public String readUser = "";

    @JsonProperty
    public String readPassword = "";

    @Min(1)
    @Max(500)
    @JsonProperty
    public int readMaxConnections = 16;

    /** The Dropwizard pool for the primary; credentials inside a URL win over the separate fields. */
    public DataSourceFactory dataSourceFactory() {
        DataSourceFactory f = pool(url, user, password, maxConnections);
        f.setMinSize(2);
        f.setInitialSize(2);
        return f;
    }

    /**
     * The pool for the read replica, if one is configured. It opens no connection at start, so the server starts
     * while the replica is down, and gives up connecting after 5 s, so a replica that vanished costs one request
     * 5 s, after which the log is read from the primary for a while.
     */
    public Optional<DataSourceFactory> readDataSourceFactory() {
        if (readUrl == null || readUrl.isBlank()) {
            return Optional.empty();
        }
        DataSourceFactory f = pool(
                readUrl,
                readUser == null || readUser.isBlank() ? user : readUser,
                readPassword == null || readPassword.isEmpty() ? password : readPassword,
                readMaxConnections);
        f.setMinSize(0);
        f.setInitialSize(0);
        Map<String, String> properties = new java.util.HashMap<>(f.getProperties());
        properties.put("ApplicationName", "hookline-log-reads");
        properties.put("connectTimeout", "5");
        f.setProperties(properties);
        return Optional.of(f);
    }

    private static DataSourceFactory pool(String url, String user, String password, int maxConnections) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(parsed.jdbcUrl());
        String u = parsed.user() != null ? parsed.user() : user;
        if (u != null && !u.isBlank() && !parsed.jdbcUrl().contains("user=")) {
            f.setUser(u);
        }
        String p = parsed.password() != null ? parsed.password() : password;
        if (p != null && !p.isEmpty()) {
            f.setPassword(p);
        }
        f.setMaxSize(maxConnections);
        f.setMaxWaitForConnection(Duration.seconds(5));
        f.setValidationQuery("/* hookline health */ SELECT 1");
        f.setCheckConnectionOnBorrow(false);
        f.setCheckConnectionWhileIdle(true);
        // JIT off for our sessions: PostgreSQL compiles a query whose estimated cost passes jit_above_cost, which
        // for short OLTP statements with a poor estimate (a young partition without statistics) cost 20 ms of a
        // 2 ms claim. Nothing Hookline runs is a long analytical query that JIT would speed up.
        f.setProperties(
                Map.of("reWriteBatchedInserts", "true", "ApplicationName", "hookline", "options", "-c jit=off"));
        return f;
    }
}
