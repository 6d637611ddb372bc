package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.delivery.Workers;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At-least-once at full load: a worker in its own JVM holds its whole capacity (1,000 deliveries, 20 to each of 50
 * endpoints on 50 receivers) in flight when it is killed with SIGKILL. Every message still arrives, a receiver
 * sees a duplicate only of what was in flight at the kill, and no delivery is left open.
 */
class WorkerKilledWithThousandInFlightTest {
    private static final int ENDPOINTS = 50;
    private static final Duration DOOMED_LEASE = Duration.ofSeconds(6);

    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    static final List<TestReceiver> receivers = new ArrayList<>();

    @AfterAll
    static void stopReceivers() {
        receivers.forEach(TestReceiver::close);
    }

    @Test
    void everyMessageArrivesAndDuplicatesAreAtMostWhatWasInFlightAtTheKill() throws Exception {
        // given 50 endpoints, each on its own receiver that holds every request for 4 s (the worker's timeout is 5 s)
        int messages = Reliability.pick(1000, 5000);
        Scenario s = Scenario.tenant(app, "kill");
        for (int i = 0; i < ENDPOINTS; i++) {
            TestReceiver r =
                    TestReceiver.start().otherwiseAnswer(x -> Answer.status(200).after(Duration.ofSeconds(4)));
            receivers.add(r);
            s.endpoint(EndpointIn.builder(r.url("/e" + i))
                    .eventTypes(List.of("kill.e" + i))
                    .build());
        }
        Process doomed = Workers.separateProcess(
                app, Workers.logFile("worker-kill-1000.log").toPath(), DOOMED_LEASE);
        Worker survivor = null;
        try {
            List<MessageIn> batch = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                batch.add(MessageIn.of("kill.e" + (i % ENDPOINTS), Scenario.payload("{\"n\":" + i + "}")));
                if (batch.size() == 100) {
                    s.client().messages().sendBatch(s.tenant(), batch);
                    batch.clear();
                }
            }
            // and the worker holding as many requests as it may (1,000) before any lease of its runs out
            int capacity = Math.min(messages, 1000);
            long rampStart = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> received() >= capacity || !doomed.isAlive());
            assertThat(doomed.isAlive()).as("the worker is running").isTrue();

            // when it is killed without a chance to acknowledge anything
            doomed.destroyForcibly();
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long rampMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rampStart);
            long leased = Reliability.count(
                    app,
                    "SELECT count(*) FROM deliveries "
                            + "WHERE status IN ('pending', 'retrying') AND lease_until > now()");
            long arrivedAtKill = received();
            long doneAtKill = Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status = 'succeeded'");
            long inFlight = arrivedAtKill - doneAtKill; // requests the receivers held, unanswered, at the kill
            receivers.forEach(r -> r.otherwiseAnswer(x -> Answer.status(200)));
            survivor = Workers.inProcess(app, Workers.settings());
            survivor.start();

            // then every delivery succeeds, none is left open, and every message reached its receiver
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status = 'succeeded'")
                            == messages);
            assertThat(Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status <> 'succeeded'"))
                    .isZero();
            Set<String> arrived = new HashSet<>();
            long requests = 0;
            for (TestReceiver r : receivers) {
                for (TestReceiver.Received x : r.received()) {
                    arrived.add(x.header("webhook-id"));
                    requests++;
                }
            }
            long duplicates = requests - arrived.size();
            assertThat(arrived).hasSize(messages);
            assertThat(inFlight)
                    .as("requests in flight at the kill")
                    .isGreaterThanOrEqualTo(Math.min(messages, 1000) / 2);
            assertThat(duplicates).as("duplicates").isLessThanOrEqualTo(inFlight);
            Reliability.report(
                    "worker-sigkill",
                    "sent",
                    messages,
                    "inFlightAtKill",
                    inFlight,
                    "leasedAtKill",
                    leased,
                    "rampMs",
                    rampMs,
                    "arrivedAtKill",
                    arrivedAtKill,
                    "delivered",
                    arrived.size(),
                    "requests",
                    requests,
                    "duplicates",
                    duplicates,
                    "lost",
                    messages - arrived.size(),
                    "open",
                    0);
        } finally {
            doomed.destroyForcibly();
            if (survivor != null) {
                survivor.stop();
            }
        }
    }

    private static long received() {
        return receivers.stream().mapToLong(r -> r.received().size()).sum();
    }
}
