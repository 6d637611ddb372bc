package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** How the process answers an orchestrator (its readiness checks and its drain on stop) and where its traces go. */
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

    /**
     * Where traces go (HOOKLINE_OTLP_ENDPOINT): an OpenTelemetry collector's OTLP/HTTP base URL, such as
     * {@code http://otel-collector:4318} ({@code /v1/traces} is added). Empty, the default: tracing is off.
     */
    @NotNull
    @Pattern(regexp = "(https?://.+)?", message = "must be empty or an http:// or https:// URL")
    @JsonProperty
    public String otlpEndpoint = "";

    /** The {@code service.name} of the spans (HOOKLINE_SERVICE_NAME). */
    @NotBlank
    @JsonProperty
    public String serviceName = "hookline";

    /** For tests: spans go here as each ends, instead of to {@link #otlpEndpoint}; tracing is on. */
    @JsonIgnore
    public SpanExporter spanExporter;

    /** The OpenTelemetry SDK when tracing is on ({@link #otlpEndpoint} set, or a test's exporter). */
    public Optional<OpenTelemetrySdk> buildTracing() {
        SpanProcessor processor;
        if (spanExporter != null) {
            processor = SimpleSpanProcessor.create(spanExporter);
        } else if (otlpEndpoint.isBlank()) {
            return Optional.empty();
        } else {
            String traces = otlpEndpoint.endsWith("/v1/traces")
                    ? otlpEndpoint
                    : otlpEndpoint.replaceAll("/+$", "") + "/v1/traces";
            processor = BatchSpanProcessor.builder(
                            OtlpHttpSpanExporter.builder().setEndpoint(traces).build())
                    .build();
        }
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName)));
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(processor)
                .build();
        return Optional.of(OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build());
    }

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
}
