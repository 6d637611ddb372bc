package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fairness: an endpoint that hangs until the request timeout holds at most its own in-flight cap, so healthy
 * endpoints see the same delivery latency (message created to request received) with or without it.
 */
class NoisyNeighbourTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.retrySchedule = "0s,100ms";
        c.delivery.requestTimeoutSeconds = 1;
    });

    @AutoClose
    static final TestReceiver healthy = TestReceiver.start();

    @AutoClose
    static final TestReceiver hanging =
            TestReceiver.start().otherwiseAnswer(r -> Answer.status(200).after(Duration.ofSeconds(3)));

    @Test
    void aHangingEndpointDoesNotSlowDownHealthyOnes() throws Exception {
        // given four healthy endpoints and one that hangs, each subscribed to its own event type
        Scenario s = Scenario.tenant(app, "neighbours");
        for (int i = 0; i < 4; i++) {
            s.endpoint(EndpointIn.builder(healthy.url("/h" + i))
                    .eventTypes(List.of("healthy.ping"))
                    .build());
        }
        s.endpoint(EndpointIn.builder(hanging.url("/hang"))
                .eventTypes(List.of("slow.ping"))
                .build());
        measure(s, 20); // warm-up: connections, JIT

        // when healthy traffic flows alone, and then next to a flood for the hanging endpoint
        long[] alone = measure(s, 60);
        List<MessageIn> flood = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flood.add(MessageIn.of("slow.ping", Scenario.payload("{\"i\":" + i + "}")));
        }
        s.client().messages().sendBatch(s.tenant(), flood);
        s.client().messages().sendBatch(s.tenant(), flood);
        await().atMost(Duration.ofSeconds(10)).until(() -> hanging.received().size() >= 20);
        long[] nextToHang = measure(s, 60);

        // then the healthy p99 stays within a generous bound of the baseline, while the hanging one stays capped
        System.out.printf(
                "noisy neighbour: healthy p50/p99 alone %d/%d ms, next to a hanging endpoint %d/%d ms; "
                        + "hanging endpoint got %d requests%n",
                percentile(alone, 50),
                percentile(alone, 99),
                percentile(nextToHang, 50),
                percentile(nextToHang, 99),
                hanging.received().size());
        assertThat(percentile(nextToHang, 99))
                .isLessThan(Math.max(4 * percentile(alone, 99), percentile(alone, 99) + 300));
        assertThat(percentile(nextToHang, 50))
                .isLessThan(Math.max(3 * percentile(alone, 50), percentile(alone, 50) + 100));
        assertThat(hanging.received().size()).isLessThan(200); // not all at once: 20 in flight, halved per timeout
    }

    /** Sends {@code n} healthy messages 20 ms apart; answers each one's latency to its four receivers, in ms. */
    private static long[] measure(Scenario s, int n) throws Exception {
        healthy.reset();
        Map<String, Instant> created = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Message m = s.send("healthy.ping", "{\"i\":" + i + "}");
            created.put(m.id(), m.createdAt());
            Thread.sleep(20); // pacing: a steady rate, not a burst
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.received().size() >= 4 * n);
        return healthy.received().stream()
                .mapToLong(r -> Duration.between(created.get(r.header("webhook-id")), r.at())
                        .toMillis())
                .sorted()
                .toArray();
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
