package dev.hookline.worker.tracing;

import dev.hookline.core.delivery.DeliveryJob;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Hookline's OpenTelemetry tracing, on or off. Off (the default), nothing is recorded and the hot paths allocate
 * nothing for it; a {@code traceparent} a sender gave is still stored with its message and sent on with each
 * attempt, so a receiver can join the sender's trace. On, the send request, its storage, and each delivery attempt
 * (queue wait, claim, HTTP request, attempt record) are spans, the attempt's linked to the send's trace.
 */
public final class Tracing {
    public static final String TRACEPARENT = "traceparent";
    static final String INSTRUMENTATION = "dev.hookline";
    private static final Tracing OFF = new Tracing(null);
    private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    private Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    public static Tracing off() {
        return OFF;
    }

    /** Spans recorded through {@code openTelemetry}'s tracer provider. */
    public static Tracing on(OpenTelemetry openTelemetry) {
        return new Tracing(
                Objects.requireNonNull(openTelemetry, "openTelemetry == null").getTracer(INSTRUMENTATION));
    }

    public boolean enabled() {
        return tracer != null;
    }

    /** The tracer; only when {@link #enabled()}. */
    public Tracer tracer() {
        if (tracer == null) {
            throw new IllegalStateException("tracing is off");
        }
        return tracer;
    }

    /** A W3C {@code traceparent} header as the remote span context it names: invalid when it is malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != 55) {
            return SpanContext.getInvalid();
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ONE_HEADER);
        return Span.fromContext(context).getSpanContext();
    }

    /** The W3C {@code traceparent} of {@code context}, or null when it is invalid. */
    public static String traceparent(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }

    /**
     * The trace of one attempt of {@code job}'s delivery, from the moment its queue entry was added
     * ({@code queuedAt}) through its claim ({@code claimStart} to {@code claimEnd}).
     */
    public DeliveryTrace delivery(DeliveryJob job, Instant queuedAt, Instant claimStart, Instant claimEnd) {
        if (tracer == null) {
            return job.traceparent() == null ? DeliveryTrace.OFF : DeliveryTrace.passThrough(job.traceparent());
        }
        return DeliveryTrace.start(tracer, job, queuedAt, claimStart, claimEnd);
    }
}
