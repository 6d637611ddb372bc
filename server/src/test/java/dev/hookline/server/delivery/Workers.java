package dev.hookline.server.delivery;

import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.security.SecretBox;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.delivery.RetrySchedule;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Delivery workers that tests start and stop themselves, in this JVM or in another. */
public final class Workers {
    /** TestApp's encryption key (32 zero bytes), so workers read the secrets its API wrote. */
    public static final byte[] ENCRYPTION_KEY = new byte[32];

    private Workers() {}

    /** Fast everything: retries 100 ms apart, a 2 s lease, reconciling every second. */
    public static WorkerSettings settings() {
        return WorkerSettings.defaults()
                .withRetrySchedule(RetrySchedule.parse("0s,100ms,100ms,100ms,100ms"))
                .withAllowPrivateNetworks(true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withReconciling(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    public static Worker inProcess(TestApp app, WorkerSettings settings) {
        return inProcess(app, settings, app.env().queue());
    }

    /** A worker on a queue of the test's choosing (another shard count, another client). */
    public static Worker inProcess(TestApp app, WorkerSettings settings, DeliveryQueue queue) {
        return new Worker(app.env().jdbi(), queue, new SecretBox(ENCRYPTION_KEY), settings, new MetricRegistry());
    }

    /**
     * Starts {@link WorkerMain} in a new JVM over the app's database and Redis prefix; output goes to {@code log}.
     * Database credentials travel in the environment, not on the command line.
     */
    public static Process separateProcess(TestApp app, Path log) throws Exception {
        return separateProcess(app, log, Workers.settings().lease());
    }

    /** As above, with its own lease: how long its deliveries stay with it once it is dead. */
    public static Process separateProcess(TestApp app, Path log, Duration lease) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                WorkerMain.class.getName(),
                app.env().databaseUrl().jdbcUrl(),
                app.env().redisUrl(),
                app.env().redisPrefix(),
                Long.toString(lease.toMillis()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (app.env().databaseUrl().user() != null) {
            builder.environment()
                    .put("HOOKLINE_DATABASE_USER", app.env().databaseUrl().user());
        }
        if (app.env().databaseUrl().password() != null) {
            builder.environment()
                    .put("HOOKLINE_DATABASE_PASSWORD", app.env().databaseUrl().password());
        }
        return builder.start();
    }

    public static File logFile(String name) {
        File dir = new File("target");
        dir.mkdirs();
        return new File(dir, name);
    }
}
