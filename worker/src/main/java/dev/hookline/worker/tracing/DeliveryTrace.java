package dev.hookline.worker.tracing;

import dev.hookline.core.delivery.DeliveryJob;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.time.Instant;

/**
 * The spans of one delivery attempt: {@code hookline.delivery} (the whole of it, linked to the send's trace), and
 * under it {@code hookline.queue.wait}, {@code hookline.claim}, the HTTP request ({@code POST}, a client span with its
 * status) and {@code hookline.attempt.record} (handed to the attempt-log writer until committed). The worker's
 * threads hand a delivery from one to the next, so each method is called by one thread at a time.
 */
public final class DeliveryTrace {
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("hookline.outcome");

    /** Tracing off and no traceparent to carry. */
    static final DeliveryTrace OFF = new DeliveryTrace(null, null, null);

    private final Tracer tracer;
    private final Span delivery;
    private final String carried;
    private Span http;
    private Span record;

    private DeliveryTrace(Tracer tracer, Span delivery, String carried) {
        this.tracer = tracer;
        this.delivery = delivery;
        this.carried = carried;
    }

    /** Tracing off: only the send's traceparent, sent on with the attempt. */
    static DeliveryTrace passThrough(String traceparent) {
        return new DeliveryTrace(null, null, traceparent);
    }

    static DeliveryTrace start(Tracer tracer, DeliveryJob job, Instant queuedAt, Instant claimStart, Instant claimEnd) {
        Instant from = queuedAt.isBefore(claimStart) ? queuedAt : claimStart;
        var builder = tracer.spanBuilder("hookline.delivery")
                .setSpanKind(SpanKind.CONSUMER)
                .setNoParent()
                .setStartTimestamp(from)
                .setAttribute("hookline.tenant_id", job.tenantId())
                .setAttribute("hookline.message_id", job.messageId())
                .setAttribute("hookline.endpoint_id", job.endpointId())
                .setAttribute("hookline.delivery_id", job.deliveryId())
                .setAttribute("hookline.attempt_number", job.attemptNumber());
        SpanContext send = Tracing.parse(job.traceparent());
        if (send.isValid()) {
            builder.addLink(send);
        }
        Span delivery = builder.startSpan();
        Context parent = Context.root().with(delivery);
        tracer.spanBuilder("hookline.queue.wait")
                .setParent(parent)
                .setStartTimestamp(from)
                .startSpan()
                .end(claimStart);
        tracer.spanBuilder("hookline.claim")
                .setParent(parent)
                .setStartTimestamp(claimStart)
                .startSpan()
                .end(claimEnd);
        return new DeliveryTrace(tracer, delivery, job.traceparent());
    }

    /**
     * The {@code traceparent} the attempt's request carries: its HTTP span's once {@link #httpStarted} ran with
     * tracing on, else the send's as stored; null for none.
     */
    public String outgoingTraceparent() {
        return http != null ? Tracing.traceparent(http.getSpanContext()) : carried;
    }

    /** The attempt's request is about to go out to {@code url}. */
    public void httpStarted(Instant at, String url) {
        if (tracer == null) {
            return;
        }
        http = tracer.spanBuilder("POST")
                .setParent(Context.root().with(delivery))
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(at)
                .setAttribute(HTTP_METHOD, "POST")
                .setAttribute(SERVER_ADDRESS, host(url))
                .startSpan();
    }

    /** The request is over: with an HTTP status, or with none and the attempt's error class. */
    public void httpFinished(Instant at, Integer status, String errorClass) {
        if (tracer == null) {
            return;
        }
        Span span = http != null
                ? http
                : tracer.spanBuilder("POST")
                        .setParent(Context.root().with(delivery))
                        .setSpanKind(SpanKind.CLIENT)
                        .setStartTimestamp(at)
                        .startSpan();
        if (status != null) {
            span.setAttribute(HTTP_STATUS, status.longValue());
        }
        if (status == null || status >= 400) {
            span.setAttribute(ERROR_TYPE, status == null ? errorClass : Integer.toString(status));
            span.setStatus(StatusCode.ERROR);
        }
        span.end(at);
        record = tracer.spanBuilder("hookline.attempt.record")
                .setParent(Context.root().with(delivery))
                .setStartTimestamp(at)
                .startSpan();
    }

    /** The attempt's outcome ({@code succeeded}, {@code retrying}, {@code failed}, {@code parked}) is committed. */
    public void recorded(Instant at, String outcome) {
        if (tracer == null) {
            return;
        }
        if (record != null) {
            record.end(at);
        }
        delivery.setAttribute(OUTCOME, outcome);
        if ("failed".equals(outcome)) {
            delivery.setStatus(StatusCode.ERROR);
        }
        delivery.end(at);
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
