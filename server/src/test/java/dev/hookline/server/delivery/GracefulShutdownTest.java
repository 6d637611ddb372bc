package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stopping worker finishes and records what is in flight, and hands back at once what it had not sent. */
class GracefulShutdownTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void stopFinishesInFlightDeliveriesAndHandsBackTheRest() throws Exception {
        // given a worker sending at most 5 at a time to a slow endpoint, and 12 messages for it
        Scenario s = Scenario.tenant(app, "shutdown");
        receiver.otherwiseAnswer(r -> Answer.status(200).after(Duration.ofMillis(800)));
        s.endpoint(EndpointIn.builder(receiver.url("/slow")).build());
        var settings = Workers.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
        settings = new dev.hookline.worker.WorkerSettings(
                settings.retrySchedule(),
                settings.requestTimeout(),
                settings.maxInFlight(),
                5,
                settings.batchSize(),
                settings.lease(),
                settings.reconcileInterval(),
                Duration.ofSeconds(60),
                settings.disableAfter(),
                settings.maxResponseBodyBytes(),
                settings.userAgent(),
                true,
                settings.allowedCidrs(),
                Duration.ofSeconds(10));
        Worker first = Workers.inProcess(app, settings);
        first.start();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(s.send("a.b", "{\"n\":" + i + "}"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 5);

        // when it is stopped with five requests in flight
        first.stop();

        // then those five are recorded as succeeded, and nothing else was sent
        List<Delivery> states = sent.stream().map(m -> s.delivery(m.id())).toList();
        assertThat(states)
                .filteredOn(d -> d.status().equals("succeeded"))
                .hasSize(receiver.received().size());
        assertThat(receiver.received().size()).isEqualTo(5);
        // and the seven it had not sent are free for another worker long before their 60 s lease would end
        long leased = app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM deliveries WHERE lease_until > now()")
                        .mapTo(Long.class)
                        .one());
        assertThat(leased).isZero();
        receiver.otherwiseAnswer(r -> Answer.status(200));
        Worker second = Workers.inProcess(app, settings);
        second.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sent.stream()
                            .allMatch(m -> "succeeded".equals(s.delivery(m.id()).status())));
            assertThat(receiver.received()).hasSize(12);
        } finally {
            second.stop();
        }
    }
}
