package dev.hookline.server.cli;

import dev.hookline.migrations.Migrations;
import dev.hookline.server.HooklineConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate config/hookline.yml} applies migrations; {@code db info …} prints the schema version. */
public final class DbCommand extends ConfiguredCommand<HooklineConfiguration> {
    public DbCommand() {
        super("db", "Database schema: 'migrate' applies pending migrations, 'info' shows the version");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate", "info").help("migrate or info");
        super.configure(subparser);
    }

    @Override
    protected void run(
            Bootstrap<HooklineConfiguration> bootstrap, Namespace namespace, HooklineConfiguration configuration)
            throws Exception {
        ManagedDataSource dataSource =
                configuration.database.dataSourceFactory().build(bootstrap.getMetricRegistry(), "migrations");
        try {
            if ("migrate".equals(namespace.getString("action"))) {
                int applied = Migrations.migrate(dataSource);
                System.out.println("applied " + applied + " migration(s); schema version "
                        + Migrations.currentVersion(dataSource));
            } else {
                System.out.println("schema version " + Migrations.currentVersion(dataSource));
            }
        } finally {
            dataSource.stop();
        }
    }
}
