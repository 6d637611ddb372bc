package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How the process answers an orchestrator: its readiness checks and its drain on stop. */
public class OperationsFactory {
    /**
     * How long the server keeps serving, with readiness answering 503, after it is told to stop (SIGTERM) and before
     * it closes its ports and the worker drains (HOOKLINE_DRAIN_DELAY). Give a load balancer time to notice: a few
     * seconds behind one, 0 without.
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    @JsonProperty
    public Duration drainDelay = Duration.seconds(0);

    /** Readiness answers 503 for a PostgreSQL or Redis check that has not answered within this (HOOKLINE_READINESS_TIMEOUT). */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    public Duration readinessTimeout = Duration.seconds(2);
}
