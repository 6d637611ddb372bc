package dev.hookline.migrations;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies Hookline's SQL migrations (classpath {@code db/migration}) to a PostgreSQL database. */
public final class Migrations {
    private Migrations() {}

    /** Brings the schema up to date and answers how many migrations ran; safe to call on every start. */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource == null");
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /** The schema version the database is at, or {@code "none"} for an empty database. */
    public static String currentVersion(DataSource dataSource) {
        var current = flyway(dataSource).info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }
}
