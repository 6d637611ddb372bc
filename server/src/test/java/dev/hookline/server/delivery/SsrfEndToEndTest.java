package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SSRF guard on the delivery path: the endpoint was accepted (the API allowed loopback), but the worker does not
 * allow private networks, so the attempt is refused after resolution, logged as such and never retried.
 */
class SsrfEndToEndTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void deliveryToALoopbackAddressIsBlockedLoggedAndNotRetried() throws Exception {
        // given an endpoint on a loopback receiver and a worker that refuses private networks
        Scenario s = Scenario.tenant(app, "ssrf");
        s.endpoint(receiver.url("/internal"));
        Worker worker = Workers.inProcess(app, Workers.settings().withAllowPrivateNetworks(false));
        worker.start();
        try {
            // when a message is sent
            Message message = s.send("user.created", "{}");

            // then its delivery fails after one attempt blamed on the guard, and the receiver saw nothing. The
            // schedule allows five attempts, so a retried delivery would only be failed after five; and the worker
            // schedules a retry before it acknowledges the queue entry, so once the stream is empty, an empty retry
            // set shows that none was scheduled.
            DeliveryQueue queue = app.env().queue();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "failed".equals(s.delivery(message.id()).status()) && queue.depth() == 0);
            assertThat(queue.delayedDepth()).as("retries scheduled").isZero();
            assertThat(s.attempts(message.id())).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("failed");
                assertThat(a.error()).startsWith("ssrf_blocked");
                assertThat(a.responseStatusCode()).isNull();
            });
            assertThat(s.delivery(message.id())).satisfies(d -> {
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.nextAttemptAt()).isNull();
            });
            assertThat(receiver.received()).isEmpty();
        } finally {
            worker.stop();
        }
    }
}
