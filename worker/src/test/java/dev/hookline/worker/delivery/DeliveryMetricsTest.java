package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.delivery.DeliveryStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {
    @Test
    void errorClassIsOneOfAFixedListWhateverTheErrorSays() {
        assertThat(DeliveryMetrics.errorClass(new AttemptResult(204, null, false, 5, null, null)))
                .isEqualTo("none");
        assertThat(DeliveryMetrics.errorClass(new AttemptResult(503, null, false, 5, null, null)))
                .isEqualTo("http_5xx");
        assertThat(DeliveryMetrics.errorClass(new AttemptResult(404, null, false, 5, null, null)))
                .isEqualTo("http_4xx");
        assertThat(DeliveryMetrics.errorClass(new AttemptResult(302, null, false, 5, null, null)))
                .isEqualTo("http_3xx");
        assertThat(DeliveryMetrics.errorClass(AttemptResult.noAnswer("timeout")))
                .isEqualTo("timeout");
        assertThat(DeliveryMetrics.errorClass(AttemptResult.noAnswer("ssrf_blocked: 10.0.0.1 is private")))
                .isEqualTo("ssrf_blocked");
        assertThat(DeliveryMetrics.errorClass(AttemptResult.noAnswer("io: reset by https://example.test/ep_123")))
                .isEqualTo("io");
        assertThat(DeliveryMetrics.errorClass(AttemptResult.noAnswer("something new: with ep_123 in it")))
                .isEqualTo("other");
        assertThat(DeliveryMetrics.errorClass(new AttemptResult(200, null, false, 5, "response_too_large", null)))
                .isEqualTo("response_too_large");
    }

    @Test
    void countsAttemptsAndObservesDurationAndLagPerAttemptKind() {
        PrometheusRegistry registry = new PrometheusRegistry();
        DeliveryMetrics metrics = DeliveryMetrics.create().registerIn(registry);

        metrics.attempt(
                1,
                new AttemptResult(200, null, false, 40, null, null),
                DeliveryStatus.SUCCEEDED,
                Duration.ofMillis(80));
        metrics.attempt(2, AttemptResult.noAnswer("timeout"), DeliveryStatus.RETRYING, Duration.ofSeconds(6));

        MetricSnapshots snapshots = registry.scrape();
        CounterSnapshot attempts = (CounterSnapshot) snapshots.stream()
                .filter(s -> s.getMetadata().getName().equals("hookline_attempts"))
                .findFirst()
                .orElseThrow();
        assertThat(attempts.getDataPoints())
                .extracting(
                        p -> p.getLabels().get("outcome") + "/" + p.getLabels().get("error_class") + "=" + p.getValue())
                .containsExactlyInAnyOrder("succeeded/none=1.0", "retrying/timeout=1.0");
        HistogramSnapshot lag = (HistogramSnapshot) snapshots.stream()
                .filter(s -> s.getMetadata().getName().equals("hookline_delivery_lag_seconds"))
                .findFirst()
                .orElseThrow();
        assertThat(lag.getDataPoints())
                .extracting(p -> p.getLabels().get("attempt") + "=" + p.getSum())
                .containsExactlyInAnyOrder("first=0.08", "retry=6.0");
    }
}
