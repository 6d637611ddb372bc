package dev.hookline.server.messages;

import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.Json;
import dev.hookline.core.db.LogReads;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.eventtypes.EventTypeDao;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IdempotencyDao;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.messages.IngestSql.NewDelivery;
import dev.hookline.core.messages.IngestSql.NewMessage;
import dev.hookline.core.messages.MessageDao;
import dev.hookline.core.messages.MessageQuery;
import dev.hookline.core.messages.StoredMessage;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.DeliveryCounts;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest: a message and one delivery per matching endpoint are written in one transaction, and only then are the
 * delivery ids pushed to Redis. If the push fails the message is still accepted: PostgreSQL holds the deliveries
 * and the worker's reconciler enqueues them.
 */
public final class MessageService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageService.class);
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private static final Set<String> DELIVERY_STATUSES = Set.of("pending", "retrying", "succeeded", "failed");

    private final Jdbi jdbi;
    private final LogReads reads;
    private final EndpointService endpoints;
    private final DeliveryQueue queue;
    private final boolean requireKnownEventTypes;
    private final Clock clock;
    private final GroupCommit<Pending, Accepted> groupCommit = new GroupCommit<>("ingest-writer", 100, 4, this::write);

    /**
     * @param reads where the message log is read from (a replica when configured); writes use {@code jdbi}
     * @param endpoints resolves an endpoint filter given as a uid
     */
    public MessageService(
            Jdbi jdbi,
            LogReads reads,
            EndpointService endpoints,
            DeliveryQueue queue,
            boolean requireKnownEventTypes,
            Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.reads = Objects.requireNonNull(reads, "reads == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.requireKnownEventTypes = requireKnownEventTypes;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * A message taken in: stored with its deliveries and queued for sending, or, with {@code replayed}, the earlier
     * message a repeated Idempotency-Key or event id stands for.
     */
    public record Accepted(StoredMessage message, boolean replayed) {}

    /** One message to send, and the Idempotency-Key it came with (null for none). */
    private record Pending(String tenantId, IncomingMessage message, String idempotencyKey) {
        /** Whether it must be checked against earlier messages, one by one, in a transaction. */
        boolean dedupes() {
            return idempotencyKey != null || message.eventId() != null;
        }
    }

    /**
     * Stores one message. Concurrent sends are committed together ({@link GroupCommit}): each caller still gets its
     * own answer, after its message is committed and enqueued, and a message that fails fails alone.
     */
    public Accepted send(String tenantId, IncomingMessage in, String idempotencyKey) {
        return groupCommit.submit(new Pending(tenantId, in, idempotencyKey));
    }

    /** Up to 100 messages at once: all are stored, or none. */
    public List<Accepted> sendBatch(String tenantId, List<IncomingMessage> messages) {
        return write(messages.stream().map(m -> new Pending(tenantId, m, null)).toList());
    }

    /**
     * Stores messages of any tenants, all or none, then enqueues their deliveries; answers in their order. Without
     * deduplication that is two statements and no transaction ({@link IngestSql}); a message with an
     * Idempotency-Key or an {@code eventId} makes it a transaction, its keys claimed one message at a time.
     */
    private List<Accepted> write(List<Pending> items) {
        List<DeliveryRef> toQueue = new ArrayList<>();
        List<Accepted> accepted = items.stream().anyMatch(Pending::dedupes)
                ? jdbi.inTransaction(h -> store(h, items, toQueue))
                : jdbi.withHandle(h -> store(h, items, toQueue));
        enqueue(toQueue);
        return accepted;
    }

    private List<Accepted> store(Handle h, List<Pending> items, List<DeliveryRef> toQueue) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        Accepted[] out = new Accepted[items.size()];
        List<NewMessage> plain = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Pending p = items.get(i);
            IncomingMessage m = p.message();
            if (p.dedupes()) {
                out[i] = insert(h, p.tenantId(), m, p.idempotencyKey(), toQueue);
                continue;
            }
            checkEventType(h, m.eventType());
            String id = Ids.next(Ids.MESSAGE, now.toEpochMilli());
            plain.add(
                    new NewMessage(id, p.tenantId(), m.eventType(), null, m.channels(), m.payload(), m.traceparent()));
            out[i] = new Accepted(
                    new StoredMessage(id, p.tenantId(), m.eventType(), null, m.channels(), m.payload(), now), false);
        }
        storeWithDeliveries(h, plain, now, toQueue);
        return List.of(out);
    }

    /** The messages and one delivery per (message, endpoint it reaches): one statement to match, one to store. */
    private static void storeWithDeliveries(
            Handle h, List<NewMessage> messages, Instant now, List<DeliveryRef> toQueue) {
        if (messages.isEmpty()) {
            return;
        }
        List<List<String>> reached = IngestSql.matchingEndpoints(h.getConnection(), messages);
        List<NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            NewMessage m = messages.get(i);
            for (String endpointId : reached.get(i)) {
                deliveries.add(
                        new NewDelivery(Ids.next(Ids.DELIVERY, now.toEpochMilli()), m.tenantId(), m.id(), endpointId));
            }
        }
        IngestSql.store(h.getConnection(), messages, deliveries, now);
        deliveries.forEach(d -> toQueue.add(new DeliveryRef(d.id(), d.endpointId())));
    }

    private void checkEventType(Handle h, String eventType) {
        if (requireKnownEventTypes) {
            Optional<EventType> type = h.attach(EventTypeDao.class).find(eventType);
            if (type.isEmpty() || type.get().archived()) {
                throw ApiException.invalid("eventType", type.isEmpty() ? "is not a known event type" : "is archived");
            }
        }
    }

    private Accepted insert(
            Handle h, String tenantId, IncomingMessage in, String idempotencyKey, List<DeliveryRef> toQueue) {
        checkEventType(h, in.eventType());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        String messageId = Ids.next(Ids.MESSAGE, now.toEpochMilli());
        IdempotencyDao idempotency = h.attach(IdempotencyDao.class);
        Instant expires = now.plus(IDEMPOTENCY_WINDOW);
        for (String key : dedupeKeys(idempotencyKey, in.eventId())) {
            if (idempotency.claim(tenantId, key, messageId, expires, now) == 0) {
                // With both an Idempotency-Key and an eventId, the first may be claimed already: give it back,
                // or it would point at a message that is never written.
                idempotency.releaseFor(tenantId, messageId);
                String existing = idempotency.holder(tenantId, key).orElseThrow();
                StoredMessage original = h.attach(MessageDao.class)
                        .find(tenantId, existing)
                        .orElseThrow(() ->
                                ApiException.conflict("this key was used by a message that no longer exists", null));
                return new Accepted(original, true);
            }
        }
        NewMessage message = new NewMessage(
                messageId, tenantId, in.eventType(), in.eventId(), in.channels(), in.payload(), in.traceparent());
        storeWithDeliveries(h, List.of(message), now, toQueue);
        return new Accepted(
                new StoredMessage(messageId, tenantId, in.eventType(), in.eventId(), in.channels(), in.payload(), now),
                false);
    }

    private static List<String> dedupeKeys(String idempotencyKey, String eventId) {
        List<String> keys = new ArrayList<>(2);
        if (idempotencyKey != null) {
            keys.add("key:" + idempotencyKey);
        }
        if (eventId != null) {
            keys.add("event:" + eventId);
        }
        return keys;
    }

    private void enqueue(List<DeliveryRef> toQueue) {
        try {
            queue.enqueue(toQueue);
        } catch (RuntimeException e) {
            LOG.warn(
                    "stored {} deliveries but could not enqueue them; the reconciler will: {}",
                    toQueue.size(),
                    e.toString());
        }
    }

    /** Writes what single-message sends handed over already, then stops the group-commit writers. */
    @Override
    public void close() throws InterruptedException {
        groupCommit.close();
    }

    /**
     * A message, also one just sent: read from the replica, or from the primary while the replica lacks it. For a
     * caller limited to some endpoints ({@code scope} not null), only a message with a delivery to one of them.
     */
    public Message get(String tenantId, String messageId, Set<String> scope) {
        return toApi(reads.byId(h -> h.attach(MessageDao.class)
                        .find(tenantId, messageId)
                        .filter(m -> scope == null
                                || !h.attach(DeliveryDao.class)
                                        .forMessageTo(tenantId, m.id(), scope.toArray(String[]::new))
                                        .isEmpty()))
                .orElseThrow(() -> ApiException.notFound("message")));
    }

    /** A message of the whole tenant; see {@link #get(String, String, Set)}. */
    public Message get(String tenantId, String messageId) {
        return get(tenantId, messageId, null);
    }

    /**
     * {@code query.limit()} messages below {@code query.before()}, newest first; may lag behind by the replica's lag.
     * An endpoint filter given as a uid is resolved first (404 if the tenant has no such endpoint). With
     * {@code withDeliveries}, each message counts its deliveries by status (within the query's scope).
     */
    public Page<Message> list(MessageQuery query, boolean withDeliveries) {
        int limit = query.limit();
        String endpointId = query.endpointId() == null || Ids.looksLike(Ids.ENDPOINT, query.endpointId())
                ? query.endpointId()
                : endpoints.get(query.tenantId(), query.endpointId()).id();
        MessageQuery plusOne = new MessageQuery(
                query.tenantId(),
                query.eventType(),
                query.channel(),
                query.since(),
                query.until(),
                query.before(),
                limit + 1,
                endpointId,
                query.deliveryStatus(),
                query.scope());
        record Read(List<StoredMessage> rows, Map<String, DeliveryCounts> counts) {}
        Read read = reads.mayLag(h -> {
            List<StoredMessage> rows = h.attach(MessageDao.class).search(plusOne);
            if (!withDeliveries || rows.isEmpty()) {
                return new Read(rows, Map.of());
            }
            Map<String, DeliveryCounts> counts = new HashMap<>();
            h.attach(DeliveryDao.class)
                    .statusCounts(
                            query.tenantId(),
                            rows.stream().map(StoredMessage::id).toArray(String[]::new),
                            query.scopeIds())
                    .forEach(c -> counts.put(
                            c.messageId(), new DeliveryCounts(c.pending(), c.retrying(), c.succeeded(), c.failed())));
            return new Read(rows, counts);
        });
        Page<StoredMessage> page = Cursor.page(read.rows(), limit, StoredMessage::id);
        DeliveryCounts none = new DeliveryCounts(0, 0, 0, 0);
        return new Page<>(
                page.data().stream()
                        .map(m -> withDeliveries ? toApi(m, read.counts().getOrDefault(m.id(), none)) : toApi(m))
                        .toList(),
                page.iterator(),
                page.done());
    }

    /** {@code status} as the message filter accepts it: a delivery status, or null for none. */
    public static String deliveryStatus(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        if (!DELIVERY_STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be pending, retrying, succeeded or failed");
        }
        return status;
    }

    /**
     * A message's deliveries, read where the message is: from the replica, or, for a message the replica does not
     * have yet, from the primary, so a message just sent never shows no deliveries. For a caller limited to some
     * endpoints, only the deliveries to those, and only for a message that has one.
     */
    public List<Delivery> deliveries(String tenantId, String messageId, Set<String> scope) {
        return reads.byId(h -> h.attach(MessageDao.class)
                        .find(tenantId, messageId)
                        .map(m -> scope == null
                                ? h.attach(DeliveryDao.class).forMessage(tenantId, m.id())
                                : h.attach(DeliveryDao.class)
                                        .forMessageTo(tenantId, m.id(), scope.toArray(String[]::new)))
                        .filter(d -> scope == null || !d.isEmpty()))
                .orElseThrow(() -> ApiException.notFound("message"));
    }

    public static Message toApi(StoredMessage m) {
        return toApi(m, null);
    }

    private static Message toApi(StoredMessage m, DeliveryCounts deliveries) {
        return new Message(
                m.id(),
                m.eventType(),
                m.eventId(),
                Json.verbatim(m.payload()),
                m.channels(),
                m.createdAt(),
                m.payload() == null,
                deliveries);
    }
}
