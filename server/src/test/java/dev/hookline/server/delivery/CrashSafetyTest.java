package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At-least-once across a crash: a worker in its own JVM is killed (SIGKILL) with deliveries in flight, and every
 * message still arrives through another worker, which takes over the abandoned entries after the lease.
 */
class CrashSafetyTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void everyMessageArrivesAfterAWorkerIsKilledWithDeliveriesInFlight() throws Exception {
        // given a worker in another JVM, and a receiver slow enough that requests are in flight when it dies
        Scenario s = Scenario.tenant(app, "crash");
        receiver.otherwiseAnswer(r -> Answer.status(200).after(Duration.ofMillis(1500)));
        s.endpoint(receiver.url("/crash"));
        Process doomed = Workers.separateProcess(
                app, Workers.logFile("crash-safety-worker.log").toPath());
        Worker survivor = null;
        try {
            List<Message> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sent.add(s.send("order.placed", "{\"n\":" + i + "}"));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.received().size() >= 10);

            // when it is killed without a chance to acknowledge anything
            doomed.destroyForcibly();
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long doneAtCrash = sent.stream()
                    .filter(m -> "succeeded".equals(s.delivery(m.id()).status()))
                    .count();
            receiver.otherwiseAnswer(r -> Answer.status(200));
            survivor = Workers.inProcess(app, Workers.settings());
            survivor.start();

            // then every delivery succeeds and every message reached the receiver
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sent.stream()
                            .allMatch(m -> "succeeded".equals(s.delivery(m.id()).status())));
            Set<String> arrived = receiver.received().stream()
                    .map(r -> r.header("webhook-id"))
                    .collect(Collectors.toSet());
            assertThat(arrived).containsAll(sent.stream().map(Message::id).toList());
            assertThat(doneAtCrash).as("deliveries finished before the kill").isLessThan(30);
            System.out.printf(
                    "crash safety: %d of 30 done at the kill, %d requests for 30 messages (%d duplicates)%n",
                    doneAtCrash, receiver.received().size(), receiver.received().size() - 30);
        } finally {
            doomed.destroyForcibly();
            if (survivor != null) {
                survivor.stop();
            }
        }
    }
}
