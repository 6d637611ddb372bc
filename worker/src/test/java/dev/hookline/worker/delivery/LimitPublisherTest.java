package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.queue.EndpointLimits;
import dev.hookline.core.testing.TestEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LimitPublisherTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final long[] nanos = {0};
    final EndpointGate gate = new EndpointGate(
            200,
            100,
            t -> CompletableFuture.completedFuture(
                    AdaptiveLimitTest.answer(t.job().endpointId().equals("ep_down") ? 503 : 200)),
            t -> {},
            timer,
            () -> nanos[0]);
    final EndpointLimits limits = env.queue().endpointLimits();
    final Instant start = Instant.parse("2030-01-01T00:00:00Z");

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    Clock at(long seconds) {
        return Clock.fixed(start.plusSeconds(seconds), ZoneOffset.UTC);
    }

    @Test
    void publishesEachLaneOnceUntilItChangesAndTakesOutLanesGoneIdle() {
        // given two endpoints' lanes: one at the starting 20, one cut to 10 by a 503
        gate.submit(EndpointGateTest.task("d1", "ep_up"));
        gate.submit(EndpointGateTest.task("d2", "ep_down"));

        // when the publisher runs
        new LimitPublisher(gate, limits, at(0)).run();

        // then each limit is in the hash, and reads back while fresh
        assertThat(limits.all())
                .containsEntry("ep_up", EndpointLimits.value(20, start.toEpochMilli()))
                .containsEntry("ep_down", EndpointLimits.value(10, start.toEpochMilli()));
        assertThat(limits.current("ep_down", start.plusSeconds(30).toEpochMilli()))
                .isEqualTo(10);
        assertThat(limits.current("ep_none", start.toEpochMilli())).isNull();

        // and a value gone stale (its worker died) reads as unknown and is taken out
        assertThat(limits.current("ep_down", start.plusSeconds(31).toEpochMilli()))
                .isNull();
        assertThat(limits.all()).doesNotContainKey("ep_down");
    }

    @Test
    void aLaneForgottenByTheGateIsTakenOutUnlessAnotherWorkerWroteSince() {
        LimitPublisher publisher = new LimitPublisher(gate, limits, at(0));
        gate.submit(EndpointGateTest.task("d1", "ep_a"));
        gate.submit(EndpointGateTest.task("d2", "ep_b"));
        publisher.run();
        // another worker publishes its own limit for ep_b
        limits.publish(
                Map.of("ep_b", EndpointLimits.value(33, start.plusSeconds(5).toEpochMilli())));

        // when both lanes have been idle for a minute
        nanos[0] += TimeUnit.SECONDS.toNanos(EndpointGate.IDLE_SECONDS);
        publisher.run();

        // then this worker's value is gone and the other worker's stays
        assertThat(limits.all())
                .doesNotContainKey("ep_a")
                .containsEntry(
                        "ep_b", EndpointLimits.value(33, start.plusSeconds(5).toEpochMilli()));
    }
}
