package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An endpoint whose deliveries only failed for {@code disableAfter} (5 days by default; 600 ms here) is disabled. */
class DisableAfterFailuresTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.retrySchedule = "0s,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms";
        c.delivery.disableAfter = io.dropwizard.util.Duration.milliseconds(600);
    });

    @AutoClose
    static final TestReceiver receiver =
            TestReceiver.start().otherwiseAnswer(r -> Answer.status(r.path().equals("/down") ? 502 : 200));

    @Test
    void endpointFailingForTheWholeWindowIsDisabledWithAReasonWhileAHealthyOneIsNot() {
        Scenario s = Scenario.tenant(app, "failing");
        Endpoint down = s.endpoint(receiver.url("/down"));
        Endpoint up = s.endpoint(receiver.url("/up"));

        Message message = s.send("a.b", "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> s.reload(down).disabled());
        assertThat(s.reload(down).disabledReason()).isEqualTo("failed without a success for 600 ms");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> s.deliveries(message.id()).stream()
                        .filter(d -> d.endpointId().equals(down.id()))
                        .allMatch(d -> d.status().equals("failed")));
        // well before the ten scheduled attempts were used up
        assertThat(s.attempts(message.id()).stream().filter(a -> a.endpointId().equals(down.id())))
                .hasSizeLessThan(10);
        assertThat(s.reload(up).disabled()).isFalse();
    }
}
