package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomePolicyTest {
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    final OutcomePolicy policy = new OutcomePolicy(RetrySchedule.parse("0s,5s,5m,30m", 0));

    @Test
    void anyTwoHundredSucceeds() {
        var d = policy.decide(job(1), result(204, null), NOW);
        assertThat(d.outcome().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(d.outcome().attempts()).isEqualTo(1);
    }

    @Test
    void failureIsRetriedAtTheNextScheduledDelayUntilTheScheduleIsUsedUp() {
        assertThat(policy.decide(job(1), result(500, null), NOW).outcome().nextAttemptAt())
                .isEqualTo(NOW.plusSeconds(5));
        assertThat(policy.decide(job(3), result(500, null), NOW).outcome().nextAttemptAt())
                .isEqualTo(NOW.plusSeconds(1800));
        var last = policy.decide(job(4), result(500, null), NOW);
        assertThat(last.outcome().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(last.outcome().lastError()).isEqualTo("HTTP 500");
    }

    @Test
    void retryAfterIsHonouredBetweenTheScheduledDelayAndTwiceIt() {
        assertThat(policy.decide(job(2), result(429, Duration.ofMinutes(7)), NOW)
                        .outcome()
                        .nextAttemptAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(7)));
        assertThat(policy.decide(job(2), result(503, Duration.ofSeconds(1)), NOW)
                        .outcome()
                        .nextAttemptAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(policy.decide(job(2), result(503, Duration.ofDays(3)), NOW)
                        .outcome()
                        .nextAttemptAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(OutcomePolicy.boundedRetryAfter(Duration.ofDays(3), Duration.ofHours(20)))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void goneFailsAtOnceAndDisablesTheEndpoint() {
        var d = policy.decide(job(1), result(410, null), NOW);
        assertThat(d.outcome().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.disableEndpointReason()).contains("410");
    }

    @Test
    void attemptBlockedBySsrfGuardIsNotRetried() {
        var blocked =
                new AttemptResult(null, null, false, 1, AttemptResult.ErrorClass.SSRF_BLOCKED + ": loopback", null);
        var d = policy.decide(job(1), blocked, NOW);
        assertThat(d.outcome().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.outcome().lastError()).startsWith("ssrf_blocked");
    }

    @Test
    void timeoutIsRetried() {
        var timeout = new AttemptResult(null, null, false, 15_000, AttemptResult.ErrorClass.TIMEOUT, null);
        assertThat(policy.decide(job(1), timeout, NOW).outcome().status()).isEqualTo(DeliveryStatus.RETRYING);
    }

    static DeliveryJob job(int attemptNumber) {
        return new DeliveryJob(
                "dlv_1",
                "tnt_1",
                "msg_1",
                "ep_1",
                attemptNumber,
                "a.b",
                new byte[0],
                NOW,
                "https://example.test/hook",
                Map.of(),
                List.of(),
                null,
                false);
    }

    static AttemptResult result(int status, Duration retryAfter) {
        return new AttemptResult(status, "", false, 5, null, retryAfter);
    }
}
