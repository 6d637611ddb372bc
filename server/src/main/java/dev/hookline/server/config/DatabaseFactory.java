package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hookline.core.db.DatabaseUrl;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Where PostgreSQL is: a JDBC URL or a {@code postgres://user:pass@host/db} URL, plus pool size. */
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

    /** The Dropwizard pool for this database; credentials inside a URL win over the separate fields. */
    public DataSourceFactory dataSourceFactory() {
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
        f.setMinSize(2);
        f.setInitialSize(2);
        f.setMaxSize(maxConnections);
        f.setMaxWaitForConnection(Duration.seconds(5));
        f.setValidationQuery("/* hookline health */ SELECT 1");
        f.setCheckConnectionOnBorrow(false);
        f.setCheckConnectionWhileIdle(true);
        // JIT off for our sessions: PostgreSQL compiles a query whose estimated cost passes jit_above_cost, which
        // for short OLTP statements with a poor estimate (a young partition without statistics) cost 20 ms of a
        // 2 ms claim. Nothing Hookline runs is a long analytical query that JIT would speed up.
        f.setProperties(java.util.Map.of(
                "reWriteBatchedInserts", "true", "ApplicationName", "hookline", "options", "-c jit=off"));
        return f;
    }
}
