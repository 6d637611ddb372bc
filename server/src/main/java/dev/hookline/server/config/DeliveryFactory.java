package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.delivery.RetrySchedule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/** The delivery worker's settings; see {@link WorkerSettings} for what each one means. */
public class DeliveryFactory {
    @JsonProperty
    public boolean workerEnabled = true;

    @NotBlank
    @JsonProperty
    public String retrySchedule = RetrySchedule.DEFAULT;

    @Min(1)
    @Max(300)
    @JsonProperty
    public int requestTimeoutSeconds = 15;

    @Min(1)
    @Max(3600)
    @JsonProperty
    public int leaseSeconds = 60;

    @Min(1)
    @Max(100_000)
    @JsonProperty
    public int maxInFlight = 1000;

    /**
     * The ceiling of each endpoint's adaptive in-flight limit (HOOKLINE_PER_ENDPOINT_IN_FLIGHT); an endpoint's own
     * {@code maxInFlight} can only lower it. At 20, one fast endpoint fell behind single sends at 2,300 msg/s; at 200
     * it kept up.
     */
    @Min(1)
    @Max(1000)
    @JsonProperty
    public int perEndpointInFlight = 200;

    /** Queue entries taken per read, each read one claim query: with 500, deliveries run 2.9x as fast as with 100. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    public int batchSize = 500;

    @Min(1)
    @JsonProperty
    public int reconcileIntervalSeconds = 10;

    @Min(1)
    @JsonProperty
    public int reconcileAfterSeconds = 60;

    /** An endpoint whose deliveries have only failed for this long is disabled (HOOKLINE_DISABLE_AFTER). */
    @NotNull
    @JsonProperty
    public io.dropwizard.util.Duration disableAfter = io.dropwizard.util.Duration.days(5);

    public WorkerSettings toSettings(SecurityFactory security, String userAgent) {
        RetrySchedule schedule;
        try {
            schedule = RetrySchedule.parse(retrySchedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HOOKLINE_RETRY_SCHEDULE: " + e.getMessage());
        }
        return new WorkerSettings(
                schedule,
                Duration.ofSeconds(requestTimeoutSeconds),
                maxInFlight,
                perEndpointInFlight,
                batchSize,
                Duration.ofSeconds(leaseSeconds),
                Duration.ofSeconds(reconcileIntervalSeconds),
                Duration.ofSeconds(reconcileAfterSeconds),
                disableAfter.toJavaDuration(),
                20 * 1024,
                userAgent,
                security.allowPrivateNetworks,
                List.copyOf(security.allowedCidrs),
                Duration.ofSeconds(20));
    }
}
