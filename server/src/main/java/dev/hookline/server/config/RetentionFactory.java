package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hookline.worker.retention.RetentionSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How long the delivery log is kept; see {@link RetentionSettings}. The worker process applies it. */
public class RetentionFactory {
    @Min(1)
    @Max(3650)
    @JsonProperty
    public int attemptRetentionDays = 30;

    @Min(1)
    @Max(3650)
    @JsonProperty
    public int messageRetentionDays = 90;

    /** Payloads are dropped (message rows stay) after this many days; at most {@code messageRetentionDays}. */
    @Min(1)
    @Max(3650)
    @JsonProperty
    public int payloadRetentionDays = 90;

    @Min(1)
    @Max(52)
    @JsonProperty
    public int partitionWeeksAhead = 4;

    @Min(1)
    @Max(1440)
    @JsonProperty
    public int intervalMinutes = 60;

    @JsonIgnore
    @AssertTrue(message = "payloadRetentionDays must not exceed messageRetentionDays")
    public boolean isPayloadWithinMessageRetention() {
        return payloadRetentionDays <= messageRetentionDays;
    }

    public RetentionSettings toSettings() {
        return new RetentionSettings(
                Duration.ofDays(attemptRetentionDays),
                Duration.ofDays(messageRetentionDays),
                Duration.ofDays(payloadRetentionDays),
                partitionWeeksAhead,
                Duration.ofMinutes(intervalMinutes));
    }
}
