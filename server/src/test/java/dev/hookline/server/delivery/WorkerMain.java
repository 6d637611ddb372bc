package dev.hookline.server.delivery;

import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.db.Database;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.redis.RedisUrl;
import dev.hookline.core.security.SecretBox;
import dev.hookline.worker.Worker;
import dev.hookline.worker.WorkerSettings;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A delivery worker alone in its own JVM, for tests that kill it: {@code java -cp <test classpath> WorkerMain
 * <jdbc url> <redis url> <key prefix> [lease millis]}. It runs with {@link Workers#settings()} (and that lease)
 * until it is killed.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        if (System.getenv("HOOKLINE_DATABASE_USER") != null) {
            dataSource.setUser(System.getenv("HOOKLINE_DATABASE_USER"));
        }
        if (System.getenv("HOOKLINE_DATABASE_PASSWORD") != null) {
            dataSource.setPassword(System.getenv("HOOKLINE_DATABASE_PASSWORD"));
        }
        Worker worker = new Worker(
                Database.jdbi(dataSource),
                new DeliveryQueue(RedisUrl.parse(args[1]).connect(), args[2]),
                new SecretBox(Workers.ENCRYPTION_KEY),
                settings(args),
                new MetricRegistry());
        worker.start();
        System.out.println("worker started");
        Thread.currentThread().join();
    }

    private static WorkerSettings settings(String[] args) {
        WorkerSettings settings = Workers.settings();
        return args.length < 4
                ? settings
                : settings.withTimeouts(settings.requestTimeout(), Duration.ofMillis(Long.parseLong(args[3])));
    }
}
