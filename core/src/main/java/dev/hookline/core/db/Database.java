package dev.hookline.core.db;

import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Builds the {@link Jdbi} every DAO runs on: SqlObject, PostgreSQL types, and {@code text[]} for string lists. */
public final class Database {
    private Database() {}

    public static Jdbi jdbi(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource == null");
        return configure(Jdbi.create(dataSource));
    }

    /** Installs Hookline's plugins on a Jdbi made elsewhere (Dropwizard's factory adds metrics and health). */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.registerArrayType(String.class, "text");
        return jdbi;
    }
}
