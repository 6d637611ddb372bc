package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Retry-After} on 429 and 503 moves the next attempt within [scheduled delay, twice it]: here the schedule
 * says 1 s (0.8 to 1.2 s with jitter), so an honoured Retry-After shows as a gap of about 2 s.
 */
class RetryAfterTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s,1s,1s");

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void retryAfterSecondsOn429IsHonoured() {
        Duration gap = gapAfterFirstAnswer("limited", Answer.status(429).withHeader("Retry-After", "2"));
        assertThat(gap).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
    }

    @Test
    void retryAfterOn503BeyondTwiceTheScheduledDelayIsCappedThere() {
        Duration gap = gapAfterFirstAnswer("unavailable", Answer.status(503).withHeader("Retry-After", "3600"));
        assertThat(gap).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
    }

    @Test
    void retryAfterOnAPlain500IsIgnored() {
        Duration gap = gapAfterFirstAnswer("error", Answer.status(500).withHeader("Retry-After", "2"));
        assertThat(gap).isLessThan(Duration.ofMillis(1800));
    }

    private Duration gapAfterFirstAnswer(String tenant, Answer first) {
        Scenario s = Scenario.tenant(app, tenant);
        String path = "/" + tenant;
        receiver.otherwiseAnswer(
                r -> r.path().equals(path) && receiver.receivedOn(path).size() == 1 ? first : Answer.status(200));
        s.endpoint(receiver.url(path));

        Message message = s.send("a.b", "{}");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> "succeeded".equals(s.delivery(message.id()).status()));
        List<TestReceiver.Received> arrived = receiver.receivedOn(path);
        assertThat(arrived).hasSize(2);
        return Duration.between(arrived.get(0).at(), arrived.get(1).at());
    }
}
