package dev.hookline.server.messages;

import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.Json;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.eventtypes.EventTypeDao;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IdempotencyDao;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.messages.IngestSql.NewMessage;
import dev.hookline.core.messages.MessageDao;
import dev.hookline.core.messages.MessageQuery;
import dev.hookline.core.messages.StoredMessage;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    private final Jdbi jdbi;
    private final DeliveryQueue queue;
    private final boolean requireKnownEventTypes;
    private final Clock clock;
    private final GroupCommit<Pending, Sent> groupCommit = new GroupCommit<>("ingest-writer", 100, 4, this::writeGroup);

    public MessageService(Jdbi jdbi, DeliveryQueue queue, boolean requireKnownEventTypes, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.requireKnownEventTypes = requireKnownEventTypes;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** What ingest answers: the message, and whether it is an earlier one returned for a repeated key. */
    public record Sent(StoredMessage message, boolean replayed) {
    }

    /** One message to send, as a single-message request gave it. */
    private record Pending(String tenantId, IncomingMessage message, String idempotencyKey) {
    }

    /**
     * Stores one message. Concurrent sends are committed together ({@link GroupCommit}): each caller still gets its
     * own answer, after its message is committed and enqueued, and a message that fails fails alone.
     */
    public Sent send(String tenantId, IncomingMessage in, String idempotencyKey) {
        return groupCommit.submit(new Pending(tenantId, in, idempotencyKey));
    }

    /** Up to 100 messages in one transaction: all are stored, or none. */
    public List<Sent> sendBatch(String tenantId, List<IncomingMessage> messages) {
        List<String> deliveryIds = new ArrayList<>();
        List<Sent> sent = jdbi.inTransaction(h -> insertAll(h, tenantId, messages,
                Collections.nCopies(messages.size(), null), deliveryIds));
        enqueue(deliveryIds);
        return sent;
    }

    /** Single-message sends of several callers (and tenants) in one transaction; answers in their order. */
    private List<Sent> writeGroup(List<Pending> group) {
        List<String> deliveryIds = new ArrayList<>();
        Sent[] out = new Sent[group.size()];
        jdbi.useTransaction(h -> {
            Map<String, List<Integer>> byTenant = new LinkedHashMap<>();
            for (int i = 0; i < group.size(); i++) {
                byTenant.computeIfAbsent(group.get(i).tenantId(), t -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> tenant : byTenant.entrySet()) {
                List<Integer> at = tenant.getValue();
                List<Sent> sent = insertAll(h, tenant.getKey(), at.stream().map(i -> group.get(i).message()).toList(),
                        at.stream().map(i -> group.get(i).idempotencyKey()).toList(), deliveryIds);
                for (int k = 0; k < at.size(); k++) {
                    out[at.get(k)] = sent.get(k);
                }
            }
        });
        enqueue(deliveryIds);
        return List.of(out);
    }

    /**
     * A batch in a fixed number of statements rather than three per message: one multi-row insert of the messages,
     * one endpoint match per distinct (event type, channels), one insert of every delivery. Messages with an
     * {@code eventId} or an Idempotency-Key ({@code idempotencyKeys}, in step with {@code messages}, null for none)
     * are deduplicated one by one.
     */
    private List<Sent> insertAll(Handle h, String tenantId, List<IncomingMessage> messages, List<String> idempotencyKeys,
                                 List<String> deliveryIds) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Sent[] out = new Sent[messages.size()];
        List<NewMessage> plain = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            IncomingMessage m = messages.get(i);
            if (m.eventId() != null || idempotencyKeys.get(i) != null) {
                out[i] = insert(h, tenantId, m, idempotencyKeys.get(i), deliveryIds);
                continue;
            }
            checkEventType(h, m.eventType());
            String id = Ids.next(Ids.MESSAGE, now.toEpochMilli());
            plain.add(new NewMessage(id, m.eventType(), null, m.channels(), m.payload()));
            out[i] = new Sent(new StoredMessage(id, tenantId, m.eventType(), null, m.channels(), m.payload(), now), false);
        }
        if (!plain.isEmpty()) {
            IngestSql.insertMessages(h.getConnection(), tenantId, plain, now);
            createDeliveries(h, tenantId, plain, now, deliveryIds);
        }
        return List.of(out);
    }

    /** One delivery per (message, matching endpoint); the endpoint match runs once per (event type, channels). */
    private static void createDeliveries(Handle h, String tenantId, List<NewMessage> messages, Instant now,
                                         List<String> deliveryIds) {
        Map<List<Object>, List<String>> matches = new HashMap<>();
        List<String> newIds = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        List<String> endpointIds = new ArrayList<>();
        for (NewMessage m : messages) {
            List<String> matching = matches.computeIfAbsent(List.of(m.eventType(), m.channels()),
                    k -> IngestSql.matchingEndpoints(h.getConnection(), tenantId, m.eventType(), m.channels()));
            for (String endpointId : matching) {
                newIds.add(Ids.next(Ids.DELIVERY, now.toEpochMilli()));
                messageIds.add(m.id());
                endpointIds.add(endpointId);
            }
        }
        if (!newIds.isEmpty()) {
            IngestSql.insertDeliveries(h.getConnection(), tenantId, newIds, messageIds, endpointIds, now);
            deliveryIds.addAll(newIds);
        }
    }

    private void checkEventType(Handle h, String eventType) {
        if (requireKnownEventTypes) {
            Optional<EventType> type = h.attach(EventTypeDao.class).find(eventType);
            if (type.isEmpty() || type.get().archived()) {
                throw ApiException.invalid("eventType", type.isEmpty() ? "is not a known event type" : "is archived");
            }
        }
    }

    private Sent insert(Handle h, String tenantId, IncomingMessage in, String idempotencyKey, List<String> deliveryIds) {
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
                StoredMessage original = h.attach(MessageDao.class).find(tenantId, existing)
                        .orElseThrow(() -> ApiException.conflict("this key was used by a message that no longer exists", null));
                return new Sent(original, true);
            }
        }
        NewMessage message = new NewMessage(messageId, in.eventType(), in.eventId(), in.channels(), in.payload());
        IngestSql.insertMessages(h.getConnection(), tenantId, List.of(message), now);
        createDeliveries(h, tenantId, List.of(message), now, deliveryIds);
        return new Sent(new StoredMessage(messageId, tenantId, in.eventType(), in.eventId(), in.channels(),
                in.payload(), now), false);
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

    private void enqueue(List<String> deliveryIds) {
        try {
            queue.enqueue(deliveryIds);
        } catch (RuntimeException e) {
            LOG.warn("stored {} deliveries but could not enqueue them; the reconciler will: {}", deliveryIds.size(), e.toString());
        }
    }

    /** Writes what single-message sends handed over already, then stops the group-commit writers. */
    @Override
    public void close() throws InterruptedException {
        groupCommit.close();
    }

    public Message get(String tenantId, String messageId) {
        return toApi(find(tenantId, messageId));
    }

    public StoredMessage find(String tenantId, String messageId) {
        return jdbi.withExtension(MessageDao.class, dao -> dao.find(tenantId, messageId))
                .orElseThrow(() -> ApiException.notFound("message"));
    }

    /** {@code query.limit()} messages below {@code query.before()}, newest first. */
    public Page<Message> list(MessageQuery query) {
        int limit = query.limit();
        MessageQuery plusOne = new MessageQuery(query.tenantId(), query.eventType(), query.channel(), query.since(),
                query.until(), query.before(), limit + 1);
        List<StoredMessage> rows = jdbi.withExtension(MessageDao.class, dao -> dao.search(plusOne));
        Page<StoredMessage> page = Cursor.page(rows, limit, StoredMessage::id);
        return new Page<>(page.data().stream().map(MessageService::toApi).toList(), page.iterator(), page.done());
    }

    public List<Delivery> deliveries(String tenantId, String messageId) {
        StoredMessage message = find(tenantId, messageId);
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.forMessage(tenantId, message.id()));
    }

    public static Message toApi(StoredMessage m) {
        return new Message(m.id(), m.eventType(), m.eventId(), Json.verbatim(m.payload()), m.channels(), m.createdAt(),
                m.payload() == null);
    }
}
