package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryStatus;
import dev.hookline.worker.delivery.AttemptResult.ErrorClass;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Set;

/**
 * The delivery path's Prometheus metrics: attempts by the delivery's outcome and the attempt's error class, the
 * attempts' durations, and the lag from a message's acceptance to each attempt of it. Every label has a fixed set of
 * values (never a tenant, endpoint or message id), so the number of series stays bounded.
 */
public final class DeliveryMetrics {
    /** The error classes a label can carry: {@link ErrorClass}'s, the HTTP status classes, {@code none}, {@code other}. */
    static final Set<String> ERROR_CLASSES = Set.of(
            "none",
            "http_1xx",
            "http_3xx",
            "http_4xx",
            "http_5xx",
            "http_other",
            ErrorClass.TIMEOUT,
            ErrorClass.CONNECTION_REFUSED,
            ErrorClass.DNS,
            ErrorClass.TLS,
            ErrorClass.SSRF_BLOCKED,
            ErrorClass.BODY_TOO_LARGE,
            ErrorClass.IO,
            ErrorClass.SIGNING_FAILED,
            "other");

    private final Counter attempts;
    private final Histogram duration;
    private final Histogram lag;
    private final DistributionDataPoint firstLag;
    private final DistributionDataPoint retryLag;

    private DeliveryMetrics() {
        attempts = Counter.builder()
                .name("hookline_attempts_total")
                .help("Scheduled delivery attempts, by the delivery's outcome after the attempt and the attempt's"
                        + " error class")
                .labelNames("outcome", "error_class")
                .build();
        duration = Histogram.builder()
                .name("hookline_attempt_duration_seconds")
                .help("Duration of scheduled delivery attempts, from sending the request to the end of the answer")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60)
                .build();
        lag = Histogram.builder()
                .name("hookline_delivery_lag_seconds")
                .help("Time from a message's acceptance to an attempt of it; attempt=first is the queue's lag,"
                        + " attempt=retry includes the retry schedule's delays")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(
                        0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400)
                .labelNames("attempt")
                .build();
        firstLag = lag.labelValues("first");
        retryLag = lag.labelValues("retry");
    }

    /** Metrics that are kept but exported nowhere until {@link #registerIn} is called. */
    public static DeliveryMetrics create() {
        return new DeliveryMetrics();
    }

    /** Exports these metrics through {@code registry}; call at most once per registry. */
    public DeliveryMetrics registerIn(PrometheusRegistry registry) {
        registry.register(attempts);
        registry.register(duration);
        registry.register(lag);
        return this;
    }

    /** A scheduled attempt of {@code job}'s delivery, and the state it left the delivery in. */
    void attempt(int attemptNumber, AttemptResult result, DeliveryStatus outcome, Duration sinceAccepted) {
        attempts.labelValues(outcome.wire(), errorClass(result)).inc();
        duration.observe(result.durationMs() / 1000.0);
        (attemptNumber <= 1 ? firstLag : retryLag).observe(Math.max(0, sinceAccepted.toMillis()) / 1000.0);
    }

    /** The attempt's error class as a label value: one of {@link #ERROR_CLASSES}. */
    static String errorClass(AttemptResult result) {
        if (result.error() != null) {
            int colon = result.error().indexOf(':');
            String prefix = colon < 0 ? result.error() : result.error().substring(0, colon);
            return ERROR_CLASSES.contains(prefix) ? prefix : "other";
        }
        Integer code = result.statusCode();
        if (code == null) {
            return "other";
        }
        if (code >= 200 && code < 300) {
            return "none";
        }
        return switch (code / 100) {
            case 1 -> "http_1xx";
            case 3 -> "http_3xx";
            case 4 -> "http_4xx";
            case 5 -> "http_5xx";
            default -> "http_other";
        };
    }
}
