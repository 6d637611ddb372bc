package dev.hookline.server.messages;

import dev.hookline.sdk.model.ErrorBody.FieldError;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageBatchOut;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.eventtypes.EventTypeCatalog;
import dev.hookline.worker.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ObjIntConsumer;

/**
 * Accepting sends and the answer each gets, for both doors a send comes in by: {@link FastSendFilter} in front of
 * Jersey for a send in its usual shape, {@link MessagesResource} for every other. Both call {@link #accept} once
 * the caller is known and write what {@link #answer} sets, so the two answer alike. Errors are thrown as the
 * {@link ApiException} of their error body. A payload is checked against its event type's schema here, where the
 * type asks for it ({@link EventTypeCatalog}), so both doors refuse the same payloads.
 */
public final class SendIntake {
    static final int MAX_BATCH = 100;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final MessageService messages;
    private final TenantAccess access;
    private final EventTypeCatalog catalog;
    private final int maxPayloadBytes;
    private final CounterDataPoint storedSingle;
    private final CounterDataPoint replayedSingle;
    private final CounterDataPoint storedInBatch;
    private final Tracing tracing;

    public SendIntake(MessageService messages, TenantAccess access, EventTypeCatalog catalog, int maxPayloadBytes) {
        this(messages, access, catalog, maxPayloadBytes, acceptedCounter());
    }

    /** @param accepted counts what is accepted, labelled as {@link #acceptedCounter()} says */
    public SendIntake(
            MessageService messages,
            TenantAccess access,
            EventTypeCatalog catalog,
            int maxPayloadBytes,
            Counter accepted) {
        this(messages, access, catalog, maxPayloadBytes, accepted, Tracing.off());
    }

    /** @param tracing with tracing on, the storage of each send is a span of the send's trace ({@link TraceFilter}) */
    public SendIntake(
            MessageService messages,
            TenantAccess access,
            EventTypeCatalog catalog,
            int maxPayloadBytes,
            Counter accepted,
            Tracing tracing) {
        this.tracing = tracing;
        this.messages = Objects.requireNonNull(messages, "messages == null");
        this.access = Objects.requireNonNull(access, "access == null");
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
        this.maxPayloadBytes = maxPayloadBytes;
        this.storedSingle = accepted.labelValues("single", "stored");
        this.replayedSingle = accepted.labelValues("single", "replayed");
        this.storedInBatch = accepted.labelValues("batch", "stored");
    }

    /**
     * Messages accepted: {@code route} is {@code single} or {@code batch}, {@code result} is {@code stored} for a new
     * message or {@code replayed} for the earlier one a repeated Idempotency-Key or event id stands for.
     */
    public static Counter acceptedCounter() {
        return Counter.builder()
                .name("hookline_messages_accepted_total")
                .help("Messages accepted by the API, by route (single, batch) and result (stored, replayed)")
                .labelNames("route", "result")
                .build();
    }

    /** Sets a header on a door's response, whatever its type. */
    @FunctionalInterface
    public interface HeaderSetter<R> {
        void set(R response, String name, String value);
    }

    /** Checks and stores one message sent to {@code tenant} as {@code caller}, with its Idempotency-Key or null. */
    public MessageService.Accepted accept(Caller caller, String tenant, String idempotencyKey, byte[] body) {
        String tenantId = access.tenantId(caller, tenant);
        checkSize(body, maxSendBodyBytes());
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 256)) {
            throw ApiException.invalid(IDEMPOTENCY_KEY, "must be 1 to 256 characters");
        }
        IncomingMessage in = MessageParser.parse(body);
        if (in.payload().length > maxPayloadBytes) {
            throw ApiException.tooLarge("payload", "must be at most " + maxPayloadBytes + " bytes");
        }
        List<FieldError> violations = catalog.violations(in.eventType(), "payload", in.payload());
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        String traceparent = Tracing.traceparent(Span.current().getSpanContext());
        if (traceparent != null) {
            in = in.withTraceparent(traceparent);
        }
        Span store = startStore();
        MessageService.Accepted accepted;
        try {
            accepted = messages.send(tenantId, in, idempotencyKey);
        } finally {
            endStore(store);
        }
        (accepted.replayed() ? replayedSingle : storedSingle).inc();
        return accepted;
    }

    /**
     * Sets the status and headers of an accepted send's answer on a door's response (Jersey's response builder, the
     * servlet response), through that type's own setters, and returns the body to write:
     * {@code 202} for a new message, {@code 200} with {@code Idempotent-Replayed: true} for the earlier message a
     * repeated key or event id stands for.
     */
    public static <R> Message answer(
            MessageService.Accepted accepted, R response, ObjIntConsumer<R> status, HeaderSetter<R> header) {
        if (accepted.replayed()) {
            status.accept(response, 200);
            header.set(response, REPLAYED, "true");
        } else {
            status.accept(response, 202);
        }
        return MessageService.toApi(accepted.message());
    }

    /**
     * Checks and stores up to {@value #MAX_BATCH} messages at once; answers them in their order. A batch that is not
     * what the API reads is refused whole; of a batch that is, the messages whose payload fails their event type's
     * schema are refused (by index, in {@code errors}) and the others stored together, all or none. When every
     * message is refused the answer is that 400.
     */
    public MessageBatchOut acceptBatch(Caller caller, String tenant, byte[] body) {
        String tenantId = access.tenantId(caller, tenant);
        checkSize(body, maxBatchBodyBytes());
        List<IncomingMessage> batch = MessageParser.parseBatch(body, MAX_BATCH);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).payload().length > maxPayloadBytes) {
                throw ApiException.tooLarge(
                        "messages." + i + ".payload", "must be at most " + maxPayloadBytes + " bytes");
            }
        }
        List<IncomingMessage> passed = new ArrayList<>(batch.size());
        List<MessageBatchOut.Refused> refused = new ArrayList<>();
        List<FieldError> allViolations = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            IncomingMessage m = batch.get(i);
            List<FieldError> violations = catalog.violations(m.eventType(), "messages." + i + ".payload", m.payload());
            if (violations.isEmpty()) {
                passed.add(m);
            } else {
                ApiException error = ApiException.invalid(violations);
                refused.add(new MessageBatchOut.Refused(
                        i, error.status(), error.code(), error.getMessage(), error.details()));
                allViolations.addAll(violations);
            }
        }
        if (passed.isEmpty() && !refused.isEmpty()) {
            throw ApiException.invalid(allViolations);
        }
        String traceparent = Tracing.traceparent(Span.current().getSpanContext());
        if (traceparent != null) {
            passed = passed.stream().map(m -> m.withTraceparent(traceparent)).toList();
        }
        Span store = startStore();
        List<MessageService.Accepted> accepted;
        try {
            accepted = messages.sendBatch(tenantId, passed);
        } finally {
            endStore(store);
        }
        storedInBatch.inc(accepted.size());
        List<Message> stored = accepted.stream()
                .map(one -> MessageService.toApi(one.message()))
                .toList();
        return new MessageBatchOut(stored, refused);
    }

    /** With tracing on, a span of the message's storage, under the send request's; else null. */
    private Span startStore() {
        return tracing.enabled()
                ? tracing.tracer().spanBuilder("hookline.message.store").startSpan()
                : null;
    }

    private static void endStore(Span store) {
        if (store != null) {
            store.end();
        }
    }

    /** The largest body of a single send: its payload and the message's other fields. */
    long maxSendBodyBytes() {
        return maxPayloadBytes + 64 * 1024;
    }

    /** The largest body of a batch: four payloads' worth and the messages' other fields. */
    long maxBatchBodyBytes() {
        return (long) maxPayloadBytes * 4 + 64 * 1024;
    }

    private static void checkSize(byte[] body, long max) {
        if (body == null || body.length == 0) {
            throw ApiException.invalid("body", "is required");
        }
        if (body.length > max) {
            throw ApiException.tooLarge("body", "must be at most " + max + " bytes");
        }
    }
}
