package dev.hookline.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.jvm.ThreadDeadlockHealthCheck;
import com.codahale.metrics.jvm.ThreadDeadlockDetector;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class DeadlockWatchTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        long nanos = 1_000;

        @Override
        public long getTick() {
            return nanos;
        }
    }

    @Test
    void asksTheJvmAtMostOncePerIntervalWhateverReadsIt() {
        AtomicInteger asked = new AtomicInteger();
        HandClock clock = new HandClock();
        MetricRegistry metrics = new MetricRegistry();
        HealthCheckRegistry health = new HealthCheckRegistry();
        new DeadlockWatch(
                        () -> {
                            asked.incrementAndGet();
                            return Set.of();
                        },
                        Duration.ofMinutes(1),
                        clock)
                .replace(metrics, health);

        for (int scrape = 0; scrape < 5; scrape++) { // what /metrics and /healthcheck read, five times over
            assertThat(gauge(metrics, DeadlockWatch.COUNT_GAUGE).getValue()).isEqualTo(0);
            assertThat(gauge(metrics, DeadlockWatch.THREADS_GAUGE).getValue()).isEqualTo(Set.of());
            assertThat(health.runHealthCheck(DeadlockWatch.HEALTH_CHECK).isHealthy())
                    .isTrue();
        }
        assertThat(asked).hasValue(1);

        clock.nanos += Duration.ofSeconds(59).toNanos();
        gauge(metrics, DeadlockWatch.COUNT_GAUGE).getValue();
        assertThat(asked).hasValue(1);
        clock.nanos += Duration.ofSeconds(2).toNanos();
        gauge(metrics, DeadlockWatch.COUNT_GAUGE).getValue();
        health.runHealthCheck(DeadlockWatch.HEALTH_CHECK);
        assertThat(asked).hasValue(2);
    }

    @Test
    void takesThePlaceOfDropwizardsGaugesAndHealthCheckAndLeavesTheOtherThreadGauges() {
        MetricRegistry metrics = new MetricRegistry();
        metrics.register("jvm.threads", new ThreadStatesGaugeSet()); // as Dropwizard's Bootstrap does
        HealthCheckRegistry health = new HealthCheckRegistry();
        health.register(DeadlockWatch.HEALTH_CHECK, new ThreadDeadlockHealthCheck()); // as its AdminEnvironment does
        Gauge<?> dropwizardCount = gauge(metrics, DeadlockWatch.COUNT_GAUGE);
        int gaugesBefore = metrics.getGauges().size();

        DeadlockWatch.install(metrics, health);

        assertThat(gauge(metrics, DeadlockWatch.COUNT_GAUGE)).isNotSameAs(dropwizardCount);
        assertThat(metrics.getGauges()).hasSize(gaugesBefore).containsKey("jvm.threads.runnable.count");
        assertThat(health.getNames()).containsExactly(DeadlockWatch.HEALTH_CHECK);
        assertThat(health.runHealthCheck(DeadlockWatch.HEALTH_CHECK).isHealthy())
                .isTrue();
        assertThat(gauge(metrics, DeadlockWatch.COUNT_GAUGE).getValue()).isEqualTo(0);
    }

    @Test
    void reportsTwoThreadsDeadlockedOnEachOthersLocks() throws Exception {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = new Thread(() -> lockBoth(first, second, bothHoldOne), "deadlock-test-a");
        Thread b = new Thread(() -> lockBoth(second, first, bothHoldOne), "deadlock-test-b");
        a.start();
        b.start();
        try {
            assertThat(bothHoldOne.await(10, TimeUnit.SECONDS)).isTrue();
            MetricRegistry metrics = new MetricRegistry();
            HealthCheckRegistry health = new HealthCheckRegistry();
            new DeadlockWatch(new ThreadDeadlockDetector()::getDeadlockedThreads, Duration.ZERO, Clock.defaultClock())
                    .replace(metrics, health);

            HealthCheck.Result result = health.runHealthCheck(DeadlockWatch.HEALTH_CHECK);
            for (int i = 0; i < 100 && result.isHealthy(); i++) { // until both are parked on the other's lock
                Thread.sleep(50);
                result = health.runHealthCheck(DeadlockWatch.HEALTH_CHECK);
            }

            assertThat(result.isHealthy()).isFalse();
            assertThat(result.getMessage()).contains("deadlock-test-a", "deadlock-test-b");
            assertThat(gauge(metrics, DeadlockWatch.COUNT_GAUGE).getValue()).isEqualTo(2);
        } finally {
            a.interrupt();
            b.interrupt();
            a.join(10_000);
            b.join(10_000);
        }
    }

    private static void lockBoth(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        mine.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            theirs.lockInterruptibly();
            theirs.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the test's way of ending the deadlock
        } finally {
            mine.unlock();
        }
    }

    private static Gauge<?> gauge(MetricRegistry metrics, String name) {
        return metrics.getGauges().get(name);
    }
}
