package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.queue.QueueEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class EndpointGateTest {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<String> sent = new ArrayList<>();
    final Map<String, CompletableFuture<AttemptResult>> attempts = new HashMap<>();
    final List<String> parked = new ArrayList<>();
    final EndpointGate gate = new EndpointGate(
            2,
            3,
            t -> {
                sent.add(t.job().deliveryId());
                return attempts.computeIfAbsent(t.job().deliveryId(), id -> new CompletableFuture<>());
            },
            t -> parked.add(t.job().deliveryId()),
            timer);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void endpointAtItsCapWaitsWithoutHoldingUpOthers() {
        gate.submit(task("a1", "ep_a"));
        gate.submit(task("a2", "ep_a"));
        gate.submit(task("a3", "ep_a")); // over the cap of 2: waits
        gate.submit(task("b1", "ep_b"));

        assertThat(sent).containsExactly("a1", "a2", "b1");
        assertThat(gate.waiting()).isEqualTo(1);

        attempts.get("b1").complete(null); // another endpoint's attempt frees no place of ep_a
        assertThat(sent).containsExactly("a1", "a2", "b1");
        attempts.get("a1").complete(null);
        assertThat(sent).containsExactly("a1", "a2", "b1", "a3");
    }

    @Test
    void aFailedAttemptFreesItsPlaceToo() {
        gate.submit(task("a1", "ep_a"));
        gate.submit(task("a2", "ep_a"));
        gate.submit(task("a3", "ep_a"));

        attempts.get("a2").completeExceptionally(new IllegalStateException("recorder refused"));
        assertThat(sent).containsExactly("a1", "a2", "a3");
    }

    @Test
    void aSendThatThrowsFreesItsPlace() {
        List<String> tried = new ArrayList<>();
        EndpointGate throwing = new EndpointGate(
                1,
                3,
                t -> {
                    tried.add(t.job().deliveryId());
                    throw new IllegalStateException("boom");
                },
                t -> parked.add(t.job().deliveryId()),
                timer);

        // the caller sees each failure, and with one place per endpoint, x2 is only tried if x1 freed it
        for (String id : List.of("x1", "x2")) {
            assertThatThrownBy(() -> throwing.submit(task(id, "ep_x")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");
        }
        assertThat(tried).containsExactly("x1", "x2");
        assertThat(throwing.waiting()).isZero();
    }

    @Test
    void longLineIsParkedAndDisabledEndpointsLineIsDiscarded() {
        for (int i = 1; i <= 6; i++) {
            gate.submit(task("a" + i, "ep_a"));
        }
        assertThat(sent).containsExactly("a1", "a2");
        assertThat(parked).containsExactly("a6");

        assertThat(gate.discard("ep_a")).extracting(t -> t.job().deliveryId()).containsExactly("a3", "a4", "a5");
        attempts.get("a1").complete(null);
        assertThat(sent).containsExactly("a1", "a2");
    }

    @Test
    void rateLimitSpacesRequestsOut() {
        gate.submit(task("r1", "ep_r", 1));
        gate.submit(task("r2", "ep_r", 1));
        attempts.get("r1").complete(null);
        assertThat(sent).containsExactly("r1");
        assertThat(gate.waiting()).isEqualTo(1);
    }

    @Test
    void aLaneNeverHasMoreInFlightThanItsLimitWhileTheLimitGrowsAndFalls() {
        long[] clock = {0};
        List<String> started = new ArrayList<>();
        Map<String, CompletableFuture<AttemptResult>> pending = new HashMap<>();
        EndpointGate adaptive = new EndpointGate(
                30,
                1_000,
                t -> {
                    started.add(t.job().deliveryId());
                    return pending.computeIfAbsent(t.job().deliveryId(), id -> new CompletableFuture<>());
                },
                t -> parked.add(t.job().deliveryId()),
                timer,
                () -> clock[0]);
        int submitted = 0;
        while (submitted < 80) {
            adaptive.submit(task("f" + submitted++, "ep_f"));
        }
        assertThat(started).hasSize(20);

        int finished = 0;
        int highest = 0;
        while (finished < 400) { // fast answers, the line kept full: the limit grows to the ceiling of 30
            clock[0] += 100_000; // an answer every 0.1 ms: RTTs of 2–3 ms, never slow
            pending.get(started.get(finished++)).complete(AdaptiveLimitTest.answer(200));
            adaptive.submit(task("f" + submitted++, "ep_f"));
            int inFlight = started.size() - finished;
            assertThat(inFlight).isLessThanOrEqualTo(adaptive.limit("ep_f"));
            highest = Math.max(highest, inFlight);
        }
        assertThat(adaptive.limit("ep_f")).isEqualTo(30);
        assertThat(highest).isEqualTo(30);

        clock[0] += 100_000;
        pending.get(started.get(finished++)).complete(AdaptiveLimitTest.answer(503)); // halves the limit: 15
        assertThat(adaptive.limit("ep_f")).isEqualTo(15);
        int startedBefore = started.size();
        while (started.size() - finished > 15) { // nothing new goes out until the lane is under its new limit
            clock[0] += 100_000;
            pending.get(started.get(finished++)).complete(AdaptiveLimitTest.answer(200));
            assertThat(started).hasSize(startedBefore);
        }
        clock[0] += 100_000;
        pending.get(started.get(finished++)).complete(AdaptiveLimitTest.answer(200));
        assertThat(started.size() - finished).isEqualTo(15);
        assertThat(adaptive.limit("ep_f")).isEqualTo(15);
        assertThat(parked).isEmpty();
    }

    @Test
    void anEndpointsOwnMaxInFlightCapsItsLaneBelowTheCeiling() {
        EndpointGate wide = new EndpointGate(
                200,
                100,
                t -> {
                    sent.add(t.job().deliveryId());
                    return attempts.computeIfAbsent(t.job().deliveryId(), id -> new CompletableFuture<>());
                },
                t -> parked.add(t.job().deliveryId()),
                timer);
        for (int i = 0; i < 10; i++) {
            wide.submit(task("m" + i, "ep_m", null, 3));
            wide.submit(task("n" + i, "ep_n"));
        }
        assertThat(sent).filteredOn(id -> id.startsWith("m")).hasSize(3);
        assertThat(sent).filteredOn(id -> id.startsWith("n")).hasSize(10);
        assertThat(wide.limits()).containsEntry("ep_m", 3).containsEntry("ep_n", 20);
    }

    @Test
    void anIdleLaneIsForgottenAfterAMinute() {
        long[] clock = {0};
        EndpointGate forgetful = new EndpointGate(
                200,
                100,
                t -> CompletableFuture.completedFuture(AdaptiveLimitTest.answer(503)),
                t -> parked.add(t.job().deliveryId()),
                timer,
                () -> clock[0]);
        forgetful.submit(task("i1", "ep_i"));
        assertThat(forgetful.limits()).containsExactly(Map.entry("ep_i", 10));

        clock[0] += TimeUnit.SECONDS.toNanos(59);
        assertThat(forgetful.limits()).containsOnlyKeys("ep_i");
        clock[0] += TimeUnit.SECONDS.toNanos(1);
        assertThat(forgetful.limits()).isEmpty();
        assertThat(forgetful.limit("ep_i")).isZero();
    }

    static DeliveryTask task(String id, String endpoint) {
        return task(id, endpoint, null);
    }

    static DeliveryTask task(String id, String endpoint, Integer rate) {
        return task(id, endpoint, rate, null);
    }

    static DeliveryTask task(String id, String endpoint, Integer rate, Integer maxInFlight) {
        DeliveryJob job = new DeliveryJob(
                id,
                "tnt",
                "msg_" + id,
                endpoint,
                1,
                "a.b",
                new byte[0],
                Instant.now(),
                "https://example.test",
                Map.of(),
                List.of(),
                rate,
                false,
                null,
                maxInFlight);
        return new DeliveryTask(new QueueEntry("stream", new StreamEntryID(1, 1), id), job);
    }
}
