package dev.hookline.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.attempts.AttemptDao;
import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.attempts.AttemptSql;
import dev.hookline.core.db.Json;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.delivery.DeliverySql;
import dev.hookline.core.endpoints.SecretDao;
import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.messages.IngestSql.NewMessage;
import dev.hookline.core.messages.MessageDao;
import dev.hookline.core.messages.StoredMessage;
import dev.hookline.core.operational.OperationalEvents;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.ErrorBody;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.RecoverIn;
import dev.hookline.sdk.model.RecoverOut;
import dev.hookline.sdk.model.SendExampleIn;
import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.eventtypes.EventTypeCatalog;
import dev.hookline.server.eventtypes.EventTypeService;
import dev.hookline.server.validation.TimeWindow;
import dev.hookline.worker.delivery.AttemptResult;
import dev.hookline.worker.delivery.ManualDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixing and trying deliveries by hand. A resend makes one attempt now, inline, whatever state the delivery is in,
 * and answers it; a test send does the same with a new message of an event type's example. A recovery puts every failed delivery of an endpoint in a time window back on the queue, oldest
 * first, for the worker to send.
 */
public final class Redelivery {
    private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);
    static final int RECOVER_BATCH = 1000;
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");

    private final Jdbi jdbi;
    private final DeliveryQueue queue;
    private final EndpointService endpoints;
    private final EventTypeService eventTypes;
    private final EventTypeCatalog catalog;
    private final ManualDelivery manual;
    private final Clock clock;

    public Redelivery(
            Jdbi jdbi,
            DeliveryQueue queue,
            EndpointService endpoints,
            EventTypeService eventTypes,
            EventTypeCatalog catalog,
            ManualDelivery manual,
            Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes == null");
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
        this.manual = Objects.requireNonNull(manual, "manual == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * One new attempt of the message to the endpoint, now, with trigger {@code manual}. A success settles the
     * delivery as succeeded; a failure is logged and changes nothing else (no retries are scheduled for it). It
     * counts towards {@code message.attempt.failing} and {@code recovered} like a scheduled attempt.
     */
    public Attempt resend(String tenantId, String messageId, String endpointRef) throws InterruptedException {
        return resend(tenantId, messageId, endpointRef, null);
    }

    /**
     * {@link #resend(String, String, String)} for a caller limited to some endpoints ({@code scope} not null): a
     * message that reached none of them is not found.
     */
    public Attempt resend(String tenantId, String messageId, String endpointRef, Set<String> scope)
            throws InterruptedException {
        StoredMessage message = jdbi.withExtension(MessageDao.class, dao -> dao.find(tenantId, messageId))
                .filter(m -> scope == null
                        || !jdbi.withExtension(
                                        DeliveryDao.class,
                                        dao -> dao.forMessageTo(tenantId, m.id(), scope.toArray(String[]::new)))
                                .isEmpty())
                .orElseThrow(() -> ApiException.notFound("message"));
        Endpoint endpoint = endpoints.get(tenantId, endpointRef);
        requireEnabled(endpoint, "resending");
        if (message.payload() == null) {
            throw ApiException.conflict(
                    "the message's payload has expired (payload retention), so it cannot be sent again", null);
        }
        return attempt(tenantId, message, endpoint, "manual");
    }

    /**
     * A test send: a new message of {@code in.eventType()} carrying {@code in.example()} or, without one, the
     * catalogued event type's first example, stored with a delivery to this endpoint only (whatever its filters) and sent now, with
     * trigger {@code test}. It is signed and logged as every delivery is, and never reaches another endpoint; like a
     * resend it is not retried. An example given is checked against the type's schema where sends are.
     */
    public Attempt sendExample(String tenantId, String endpointRef, SendExampleIn in) throws InterruptedException {
        Endpoint endpoint = endpoints.get(tenantId, endpointRef);
        if (in == null || in.eventType() == null) {
            throw ApiException.invalid("eventType", "is required");
        }
        if (!EVENT_TYPE.matcher(in.eventType()).matches()) {
            throw ApiException.invalid("eventType", "must be 1 to 256 characters of letters, digits, '_', '.' or '-'");
        }
        Optional<EventType> type = eventTypes.find(in.eventType());
        JsonNode example = in.example();
        if (example == null || example.isNull()) {
            if (type.isEmpty()) {
                throw ApiException.invalid("eventType", "is not a known event type; give an example to send");
            }
            if (type.get().examples().isEmpty()) {
                throw ApiException.invalid(
                        "example", "is required: event type " + in.eventType() + " has no examples of its own");
            }
            example = type.get().examples().get(0);
        } else if (!example.isObject()) {
            throw ApiException.invalid("example", "must be a JSON object (a payload)");
        } else {
            List<ErrorBody.FieldError> violations = catalog.violations(in.eventType(), "example", example);
            if (!violations.isEmpty()) {
                throw ApiException.invalid(violations);
            }
        }
        requireEnabled(endpoint, "sending to it");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] payload = Json.write(example).getBytes(StandardCharsets.UTF_8);
        NewMessage message = new NewMessage(
                Ids.next(Ids.MESSAGE, now.toEpochMilli()), tenantId, in.eventType(), null, List.of(), payload);
        jdbi.useHandle(h -> IngestSql.store(h.getConnection(), List.of(message), List.of(), now));
        StoredMessage stored =
                new StoredMessage(message.id(), tenantId, message.eventType(), null, List.of(), payload, now);
        return attempt(tenantId, stored, endpoint, "test");
    }

    /** Makes one attempt of {@code message} to {@code endpoint} now, and logs it with {@code trigger}. */
    private Attempt attempt(String tenantId, StoredMessage message, Endpoint endpoint, String trigger)
            throws InterruptedException {
        List<StoredSecret> secrets =
                jdbi.withExtension(SecretDao.class, dao -> dao.active(endpoint.id(), clock.instant()));
        DeliveryJob job = new DeliveryJob(
                null,
                tenantId,
                message.id(),
                endpoint.id(),
                0,
                message.eventType(),
                message.payload(),
                message.createdAt(),
                endpoint.url(),
                endpoint.headers(),
                secrets,
                endpoint.rateLimit(),
                false);
        ManualDelivery.Sent sent = manual.send(job);
        AttemptResult result = sent.result();
        String lastError =
                result.error() != null ? result.error() : result.succeeded() ? null : "HTTP " + result.statusCode();
        Instant now = clock.instant();
        List<DeliveryRef> operational = new java.util.ArrayList<>();
        AttemptRow row = jdbi.inTransaction(h -> {
            DeliveryDao deliveries = h.attach(DeliveryDao.class);
            deliveries.insertIfAbsent(Ids.next(Ids.DELIVERY), tenantId, message.id(), endpoint.id(), now);
            DeliveryDao.ManualAttempt counted = deliveries
                    .countManualAttempt(
                            message.id(), endpoint.id(), result.succeeded(), result.statusCode(), lastError, now)
                    .orElseThrow(); // the row exists: inserted above if it was absent
            AttemptRow attempt = sent.row(counted.id(), counted.attempts(), trigger);
            AttemptSql.insertAll(h.getConnection(), List.of(attempt));
            if (result.succeeded()) {
                DeliverySql.markHealthy(h.getConnection(), List.of(endpoint.id()));
            }
            operational.addAll(
                    OperationalEvents.emit(h, OperationalEvents.attemptChanges(h, List.of(attempt), List.of()), now));
            return attempt;
        });
        OperationalEvents.enqueue(queue, operational);
        return jdbi.withExtension(AttemptDao.class, dao -> dao.find(tenantId, row.id()))
                .orElseThrow();
    }

    /**
     * Re-queues the endpoint's failed deliveries whose message was created in {@code [since, until)} (until: now),
     * in creation order, and answers how many. Each recovered delivery gets the attempts its retry schedule has
     * left, and at least one.
     */
    public RecoverOut recover(String tenantId, String endpointRef, RecoverIn in) {
        if (in == null || in.since() == null) {
            throw ApiException.invalid("since", "is required");
        }
        Instant now = clock.instant();
        TimeWindow window = TimeWindow.of(in.since(), in.until() != null ? in.until() : now);
        Endpoint endpoint = endpoints.get(tenantId, endpointRef);
        requireEnabled(endpoint, "recovering its deliveries");
        int queued = 0;
        String after = "";
        List<String> batch;
        do {
            String from = after;
            batch = jdbi
                    .withExtension(
                            DeliveryDao.class,
                            dao -> dao.requeueFailed(
                                    endpoint.id(), window.since(), window.until(), from, now, RECOVER_BATCH))
                    .stream()
                    .sorted()
                    .toList();
            if (!batch.isEmpty()) {
                enqueue(batch.stream()
                        .map(id -> new DeliveryRef(id, endpoint.id()))
                        .toList());
                queued += batch.size();
                after = batch.get(batch.size() - 1);
            }
        } while (batch.size() == RECOVER_BATCH);
        return new RecoverOut(queued);
    }

    private static void requireEnabled(Endpoint endpoint, String what) {
        if (endpoint.disabled()) {
            String reason = endpoint.disabledReason() == null ? "" : " (" + endpoint.disabledReason() + ")";
            throw ApiException.conflict(
                    "the endpoint is disabled" + reason + "; re-enable it (PATCH with " + "\"disabled\": false) before "
                            + what,
                    null);
        }
    }

    /** PostgreSQL has them as pending and due: if Redis is away, the worker's reconciler enqueues them instead. */
    private void enqueue(List<DeliveryRef> deliveries) {
        try {
            queue.enqueue(deliveries);
        } catch (RuntimeException e) {
            LOG.warn(
                    "recovered {} deliveries but could not enqueue them; the reconciler will: {}",
                    deliveries.size(),
                    e.toString());
        }
    }
}
