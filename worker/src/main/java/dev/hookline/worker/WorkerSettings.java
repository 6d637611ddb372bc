package dev.hookline.worker;

import dev.hookline.worker.delivery.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the delivery engine can be tuned by; {@link #defaults()} is what DESIGN.md promises.
 *
 * @param maxInFlight         deliveries held by one worker at once (sent, waiting for their endpoint, or being logged)
 * @param perEndpointInFlight the ceiling of concurrent requests to one endpoint: each endpoint's own limit adapts
 *                            below it ({@code AdaptiveLimit}), so a slow endpoint cannot take every slot
 * @param lease               how long a claimed delivery stays with a worker before another may take it over
 * @param reconcileAfter      how overdue a delivery must be before the reconciler assumes Redis lost it
 * @param disableAfter        how long an endpoint may fail without a single success before it is disabled
 */
public record WorkerSettings(
        RetrySchedule retrySchedule,
        Duration requestTimeout,
        int maxInFlight,
        int perEndpointInFlight,
        int batchSize,
        Duration lease,
        Duration reconcileInterval,
        Duration reconcileAfter,
        Duration disableAfter,
        int maxResponseBodyBytes,
        String userAgent,
        boolean allowPrivateNetworks,
        List<String> allowedCidrs,
        Duration shutdownGrace) {

    public WorkerSettings {
        Objects.requireNonNull(retrySchedule, "retrySchedule == null");
        Objects.requireNonNull(requestTimeout, "requestTimeout == null");
        allowedCidrs = List.copyOf(allowedCidrs);
        if (maxInFlight < 1 || perEndpointInFlight < 1 || batchSize < 1) {
            throw new IllegalArgumentException("maxInFlight, perEndpointInFlight and batchSize must be positive");
        }
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(
                RetrySchedule.parse(RetrySchedule.DEFAULT),
                Duration.ofSeconds(15),
                1000,
                200,
                500,
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofDays(5),
                20 * 1024,
                "Hookline/" + Version.current(),
                false,
                List.of(),
                Duration.ofSeconds(20));
    }

    public WorkerSettings withRetrySchedule(RetrySchedule schedule) {
        return new WorkerSettings(
                schedule,
                requestTimeout,
                maxInFlight,
                perEndpointInFlight,
                batchSize,
                lease,
                reconcileInterval,
                reconcileAfter,
                disableAfter,
                maxResponseBodyBytes,
                userAgent,
                allowPrivateNetworks,
                allowedCidrs,
                shutdownGrace);
    }

    public WorkerSettings withAllowPrivateNetworks(boolean allow) {
        return new WorkerSettings(
                retrySchedule,
                requestTimeout,
                maxInFlight,
                perEndpointInFlight,
                batchSize,
                lease,
                reconcileInterval,
                reconcileAfter,
                disableAfter,
                maxResponseBodyBytes,
                userAgent,
                allow,
                allowedCidrs,
                shutdownGrace);
    }

    public WorkerSettings withTimeouts(Duration requestTimeout, Duration lease) {
        return new WorkerSettings(
                retrySchedule,
                requestTimeout,
                maxInFlight,
                perEndpointInFlight,
                batchSize,
                lease,
                reconcileInterval,
                reconcileAfter,
                disableAfter,
                maxResponseBodyBytes,
                userAgent,
                allowPrivateNetworks,
                allowedCidrs,
                shutdownGrace);
    }

    public WorkerSettings withReconciling(Duration interval, Duration after) {
        return new WorkerSettings(
                retrySchedule,
                requestTimeout,
                maxInFlight,
                perEndpointInFlight,
                batchSize,
                lease,
                interval,
                after,
                disableAfter,
                maxResponseBodyBytes,
                userAgent,
                allowPrivateNetworks,
                allowedCidrs,
                shutdownGrace);
    }
}
