package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.delivery.DeliveryOutcome;
import dev.hookline.core.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns an attempt's result into the delivery's next state: succeeded on any 2xx; otherwise a retry at the next
 * scheduled time, or failed once the schedule is used up. {@code 410 Gone} fails at once and disables the
 * endpoint; an attempt refused by the SSRF guard fails at once (retrying would be refused again).
 */
public final class OutcomePolicy {
    private static final Duration RETRY_AFTER_CAP = Duration.ofHours(24);
    private final RetrySchedule schedule;

    public OutcomePolicy(RetrySchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule == null");
    }

    /** @param disableEndpointReason non-null when the endpoint must be disabled because of this attempt */
    public record Decision(DeliveryOutcome outcome, String disableEndpointReason) {
        public boolean retry() {
            return outcome.status() == DeliveryStatus.RETRYING;
        }
    }

    public Decision decide(DeliveryJob job, AttemptResult result, Instant now) {
        int attempts = job.attemptNumber();
        Integer code = result.statusCode();
        String lastError = result.error() != null ? result.error() : (result.succeeded() ? null : "HTTP " + code);
        if (result.succeeded()) {
            return new Decision(
                    new DeliveryOutcome(job.deliveryId(), DeliveryStatus.SUCCEEDED, attempts, null, code, null), null);
        }
        if (code != null && code == 410) {
            return new Decision(
                    new DeliveryOutcome(
                            job.deliveryId(),
                            DeliveryStatus.FAILED,
                            attempts,
                            null,
                            code,
                            "endpoint answered 410 Gone"),
                    "endpoint answered 410 Gone");
        }
        if (result.blockedBySsrfGuard()) {
            return failed(job, code, lastError);
        }
        Duration delay = schedule.delayBefore(attempts + 1);
        if (delay == null) {
            return failed(job, code, lastError);
        }
        if (result.retryAfter() != null) {
            delay = boundedRetryAfter(result.retryAfter(), schedule.nominalDelayBefore(attempts + 1));
        }
        return new Decision(
                new DeliveryOutcome(
                        job.deliveryId(), DeliveryStatus.RETRYING, attempts, now.plus(delay), code, lastError),
                null);
    }

    /** {@code Retry-After} is honoured between the scheduled delay and twice it, and never beyond a day. */
    static Duration boundedRetryAfter(Duration retryAfter, Duration scheduled) {
        Duration atLeast = scheduled;
        Duration atMost = scheduled.multipliedBy(2);
        Duration d = retryAfter.compareTo(atLeast) < 0 ? atLeast : retryAfter;
        d = d.compareTo(atMost) > 0 ? atMost : d;
        return d.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : d;
    }

    /** A delivery that is not sent because its endpoint is disabled: failed, with no attempt counted. */
    public static Decision endpointDisabled(DeliveryJob job) {
        return new Decision(
                new DeliveryOutcome(
                        job.deliveryId(),
                        DeliveryStatus.FAILED,
                        job.attemptNumber() - 1,
                        null,
                        null,
                        "endpoint disabled"),
                null);
    }

    private static Decision failed(DeliveryJob job, Integer code, String lastError) {
        return new Decision(
                new DeliveryOutcome(
                        job.deliveryId(), DeliveryStatus.FAILED, job.attemptNumber(), null, code, lastError),
                null);
    }
}
