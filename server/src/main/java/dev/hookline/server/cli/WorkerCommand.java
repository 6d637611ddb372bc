package dev.hookline.server.cli;

import dev.hookline.server.HooklineConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code worker config/hookline.yml}: delivery only. No API port is opened; the admin port still serves metrics
 * and health checks. Run as many as the load needs: they share the queue.
 */
public final class WorkerCommand extends ServerCommand<HooklineConfiguration> {
    public WorkerCommand(Application<HooklineConfiguration> application) {
        super(application, "worker", "Runs the delivery worker only (no API)");
    }

    @Override
    protected void run(
            Bootstrap<HooklineConfiguration> bootstrap, Namespace namespace, HooklineConfiguration configuration)
            throws Exception {
        configuration.apiEnabled = false;
        configuration.delivery.workerEnabled = true;
        if (configuration.getServerFactory() instanceof DefaultServerFactory server) {
            server.setApplicationConnectors(List.of());
        }
        super.run(bootstrap, namespace, configuration);
    }
}
