package dev.hookline.core.operational;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.db.Json;
import dev.hookline.core.delivery.DeliveryDao;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.messages.IngestSql.NewDelivery;
import dev.hookline.core.messages.IngestSql.NewMessage;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.core.tenants.TenantDao;
import dev.hookline.sdk.model.AttemptEventData;
import dev.hookline.sdk.model.EndpointDisabledEventData;
import dev.hookline.sdk.model.EndpointEventData;
import dev.hookline.sdk.model.OperationalEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns changes of state into operational events: each becomes a message of the {@link OperatorTenant}, with one
 * delivery per operational endpoint it reaches, written in the caller's transaction, the one that makes the change.
 * What makes an event happen once per change is how the change is found: a conditional update that only one
 * transaction can win (an endpoint disabled only if it was enabled, a delivery's report flags set only if unset),
 * never a check made apart from the write. The message is signed, queued, retried and logged like any other.
 * <p>
 * A message carries the tenant's id as its channel, so an operational endpoint's channel filter can pick tenants.
 * Nothing is ever reported about the operator's own endpoints and deliveries: an operational endpoint that fails
 * must not feed on itself.
 */
public final class OperationalEvents {
    private static final Logger LOG = LoggerFactory.getLogger(OperationalEvents.class);

    /** A message's attempts to one endpoint that have failed this many times are reported failing. */
    public static final int FAILING_AFTER = 4;

    private OperationalEvents() {}

    /** A change to report: its type, the tenant it concerns, and its {@code data} once the tenant's uid is known. */
    public record Change(String type, String tenantId, Function<String, Object> data) {
        public Change {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(tenantId, "tenantId == null");
            Objects.requireNonNull(data, "data == null");
        }
    }

    /** {@code endpoint.created}, {@code updated}, {@code deleted} or {@code enabled}. */
    public static Change endpoint(String type, String tenantId, String endpointId, String endpointUid) {
        return new Change(type, tenantId, uid -> new EndpointEventData(tenantId, uid, endpointId, endpointUid));
    }

    /** {@code endpoint.disabled}; {@code trigger} is {@code manual} or {@code automatic}. */
    public static Change endpointDisabled(
            String tenantId, String endpointId, String endpointUid, String trigger, String reason, Instant failSince) {
        return new Change(
                OperationalEvent.ENDPOINT_DISABLED,
                tenantId,
                uid -> new EndpointDisabledEventData(
                        tenantId, uid, endpointId, endpointUid, trigger, reason, failSince));
    }

    /**
     * The {@code message.attempt.*} changes that just-recorded attempts made, found and marked in the caller's
     * transaction: {@code attempted} are the latest attempts of deliveries that may have become failing or recovered,
     * {@code gaveUp} those that failed their delivery for good (at most one attempt per delivery in each).
     */
    public static List<Change> attemptChanges(Handle h, List<AttemptRow> attempted, List<AttemptRow> gaveUp) {
        Map<String, AttemptRow> last = new HashMap<>();
        attempted.forEach(a -> last.put(a.deliveryId(), a));
        gaveUp.forEach(a -> last.put(a.deliveryId(), a));
        DeliveryDao deliveries = h.attach(DeliveryDao.class);
        List<DeliveryDao.Reported> reported = new ArrayList<>();
        if (!attempted.isEmpty()) {
            reported.addAll(deliveries.reportFailingOrRecovered(
                    attempted.stream().map(AttemptRow::deliveryId).toArray(String[]::new),
                    FAILING_AFTER,
                    OperatorTenant.ID));
        }
        if (!gaveUp.isEmpty()) {
            reported.addAll(deliveries.reportExhausted(
                    gaveUp.stream().map(AttemptRow::deliveryId).toArray(String[]::new),
                    gaveUp.stream()
                            .map(a -> Integer.toString(a.attemptNumber()))
                            .toArray(String[]::new),
                    OperatorTenant.ID));
        }
        List<Change> changes = new ArrayList<>(reported.size());
        for (DeliveryDao.Reported r : reported) {
            AttemptRow a = last.get(r.deliveryId());
            AttemptEventData.LastAttempt lastAttempt =
                    new AttemptEventData.LastAttempt(a.id(), a.responseStatusCode(), a.createdAt());
            changes.add(new Change(
                    r.type(),
                    r.tenantId(),
                    uid -> new AttemptEventData(
                            r.tenantId(),
                            uid,
                            r.messageId(),
                            r.eventId(),
                            r.endpointId(),
                            r.endpointUid(),
                            lastAttempt)));
        }
        return changes;
    }

    /**
     * Stores the changes' events in the caller's transaction, each with a delivery to every enabled operational
     * endpoint whose filters admit it; answers those deliveries, to be queued once the transaction has committed
     * ({@link #enqueue}). An event no operational endpoint wants is not stored, and changes about the operator's
     * tenant are dropped.
     */
    public static List<DeliveryRef> emit(Handle h, Collection<Change> changes, Instant at) {
        List<Change> reportable =
                changes.stream().filter(c -> !OperatorTenant.is(c.tenantId())).toList();
        if (reportable.isEmpty()) {
            return List.of();
        }
        Instant now = at.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        Map<String, String> uids = new LinkedHashMap<>();
        h.attach(TenantDao.class)
                .uids(reportable.stream().map(Change::tenantId).distinct().toArray(String[]::new))
                .forEach(t -> uids.put(t.id(), t.uid()));
        List<NewMessage> messages = new ArrayList<>(reportable.size());
        for (Change c : reportable) {
            OperationalEvent event = new OperationalEvent(
                    c.type(), now, Json.MAPPER.valueToTree(c.data().apply(uids.get(c.tenantId()))));
            messages.add(new NewMessage(
                    Ids.next(Ids.MESSAGE, now.toEpochMilli()),
                    OperatorTenant.ID,
                    c.type(),
                    null,
                    List.of(c.tenantId()),
                    Json.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        List<List<String>> reached = IngestSql.matchingEndpoints(h.getConnection(), messages);
        List<NewMessage> delivered = new ArrayList<>();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!reached.get(i).isEmpty()) {
                delivered.add(messages.get(i));
            }
            for (String endpointId : reached.get(i)) {
                deliveries.add(new NewDelivery(
                        Ids.next(Ids.DELIVERY, now.toEpochMilli()),
                        OperatorTenant.ID,
                        messages.get(i).id(),
                        endpointId));
            }
        }
        if (!delivered.isEmpty()) {
            IngestSql.store(h.getConnection(), delivered, deliveries, now);
        }
        return deliveries.stream()
                .map(d -> new DeliveryRef(d.id(), d.endpointId()))
                .toList();
    }

    /** Queues committed operational deliveries; if Redis is away the reconciler finds them in PostgreSQL. */
    public static void enqueue(DeliveryQueue queue, List<DeliveryRef> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            queue.enqueue(deliveries);
        } catch (RuntimeException e) {
            LOG.warn(
                    "stored {} operational deliveries but could not enqueue them; the reconciler will: {}",
                    deliveries.size(),
                    e.toString());
        }
    }
}
