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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class EndpointGateTest {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<String> sent = new ArrayList<>();
    final Map<String, CompletableFuture<Void>> attempts = new HashMap<>();
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

    static DeliveryTask task(String id, String endpoint) {
        return task(id, endpoint, null);
    }

    static DeliveryTask task(String id, String endpoint, Integer rate) {
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
                false);
        return new DeliveryTask(new QueueEntry("stream", new StreamEntryID(1, 1), id), job);
    }
}
