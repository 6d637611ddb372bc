package dev.hookline.core.delivery;

import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.sdk.model.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Delivery.class)
public interface DeliveryDao {

    /**
     * When an open delivery may next be tried (its due time, or the end of the lease another worker holds), and its
     * endpoint (which decides its queue shard).
     */
    record Recheck(String id, String endpointId, Instant recheckAt) {}

    /**
     * For ids a claim did not return: when each one still open may next be tried. Done deliveries are absent: their
     * queue entries are stale. Looked up by primary key from the array, like {@code DeliverySql.claim}, never through
     * {@code deliveries_due}.
     */
    @SqlQuery("""
        SELECT d.id, d.endpoint_id,
               GREATEST(d.next_attempt_at, COALESCE(d.lease_until, d.next_attempt_at)) AS recheck_at
        FROM unnest(CAST(:ids AS text[])) AS wanted (id) JOIN deliveries d ON d.id = wanted.id
        WHERE d.status IN ('pending', 'retrying')
        """)
    @RegisterConstructorMapper(Recheck.class)
    List<Recheck> recheckTimes(@Bind("ids") String[] ids);

    /** Releases leases without recording anything: for deliveries a stopping worker never sent. */
    @SqlUpdate("UPDATE deliveries SET lease_until = NULL WHERE id IN (<ids>)")
    int release(@BindList("ids") List<String> ids);

    /**
     * Deliveries that should have been attempted by {@code overdueBefore} yet are unclaimed: lost from the queue,
     * with their endpoints (which decide their queue shards).
     */
    @SqlQuery("""
        SELECT id AS delivery_id, endpoint_id FROM deliveries
        WHERE status IN ('pending', 'retrying') AND next_attempt_at <= :overdueBefore
          AND (lease_until IS NULL OR lease_until < :now)
        ORDER BY next_attempt_at LIMIT :limit
        """)
    @RegisterConstructorMapper(DeliveryRef.class)
    List<DeliveryRef> overdue(
            @Bind("overdueBefore") Instant overdueBefore, @Bind("now") Instant now, @Bind("limit") int limit);

    /** Fails every open delivery of an endpoint that was just disabled. */
    @SqlUpdate("""
        UPDATE deliveries SET status = 'failed', last_error = :reason, next_attempt_at = NULL, lease_until = NULL,
            updated_at = now()
        WHERE endpoint_id = :endpointId AND status IN ('pending', 'retrying')
        """)
    int failOpenForEndpoint(@Bind("endpointId") String endpointId, @Bind("reason") String reason);

    @SqlQuery("""
        SELECT endpoint_id, status, attempts, next_attempt_at, last_status_code, last_error FROM deliveries
        WHERE tenant_id = :tenantId AND message_id = :messageId ORDER BY endpoint_id
        """)
    List<Delivery> forMessage(@Bind("tenantId") String tenantId, @Bind("messageId") String messageId);

    /** A message's deliveries to the endpoints among {@code endpointIds} (a portal session's scope). */
    @SqlQuery("""
        SELECT endpoint_id, status, attempts, next_attempt_at, last_status_code, last_error FROM deliveries
        WHERE tenant_id = :tenantId AND message_id = :messageId AND endpoint_id = ANY(:endpointIds)
        ORDER BY endpoint_id
        """)
    List<Delivery> forMessageTo(
            @Bind("tenantId") String tenantId,
            @Bind("messageId") String messageId,
            @Bind("endpointIds") String[] endpointIds);

    /**
     * The deliveries of each of {@code messageIds} by status, within {@code endpointIds} unless that is null; a
     * message without deliveries has no row.
     */
    @SqlQuery("""
        SELECT message_id,
               count(*) FILTER (WHERE status = 'pending') AS pending,
               count(*) FILTER (WHERE status = 'retrying') AS retrying,
               count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
               count(*) FILTER (WHERE status = 'failed') AS failed
        FROM deliveries
        WHERE tenant_id = :tenantId AND message_id = ANY(:messageIds)
          AND (CAST(:endpointIds AS text[]) IS NULL OR endpoint_id = ANY(:endpointIds))
        GROUP BY message_id
        """)
    @RegisterConstructorMapper(StatusCounts.class)
    List<StatusCounts> statusCounts(
            @Bind("tenantId") String tenantId,
            @Bind("messageIds") String[] messageIds,
            @Bind("endpointIds") String[] endpointIds);

    /** One message's deliveries by status. */
    record StatusCounts(String messageId, long pending, long retrying, long succeeded, long failed) {}

    /**
     * Recovery: puts up to {@code limit} failed deliveries of an endpoint whose message was created in
     * {@code [since, until)} and whose id is above {@code after} back to pending, due now; answers their ids.
     * The caller walks the window in id (creation) order, batch by batch.
     */
    @SqlQuery("""
        UPDATE deliveries SET status = 'pending', next_attempt_at = :now, lease_until = NULL, updated_at = :now
        WHERE id IN (SELECT id FROM deliveries
                     WHERE endpoint_id = :endpointId AND status = 'failed' AND id > :after
                       AND created_at >= :since AND created_at < :until
                     ORDER BY id LIMIT :limit)
        RETURNING id
        """)
    List<String> requeueFailed(
            @Bind("endpointId") String endpointId,
            @Bind("since") Instant since,
            @Bind("until") Instant until,
            @Bind("after") String afterId,
            @Bind("now") Instant now,
            @Bind("limit") int limit);

    /** A delivery row for a manual resend to an endpoint the message was never routed to; no-op if one exists. */
    @SqlUpdate("""
        INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, attempts, created_at, updated_at)
        VALUES (:id, :tenantId, :messageId, :endpointId, 'failed', 0, :now, :now)
        ON CONFLICT (message_id, endpoint_id) DO NOTHING
        """)
    void insertIfAbsent(
            @Bind("id") String id,
            @Bind("tenantId") String tenantId,
            @Bind("messageId") String messageId,
            @Bind("endpointId") String endpointId,
            @Bind("now") Instant now);

    /** What a resend needs to write its attempt: the delivery's id and the number the new attempt carries. */
    record ManualAttempt(String id, int attempts) {}

    /**
     * Counts a manual attempt into the delivery and answers its id and new attempt count (the attempt's number), or
     * nothing if there is no such delivery. A success settles the delivery as succeeded; a failure leaves its state
     * and any scheduled retry alone.
     */
    @SqlQuery("""
        UPDATE deliveries SET attempts = attempts + 1, last_status_code = :statusCode, last_error = :error,
            status = CASE WHEN :succeeded THEN 'succeeded' ELSE status END,
            next_attempt_at = CASE WHEN :succeeded THEN NULL ELSE next_attempt_at END,
            updated_at = :now
        WHERE message_id = :messageId AND endpoint_id = :endpointId
        RETURNING id, attempts
        """)
    @RegisterConstructorMapper(ManualAttempt.class)
    Optional<ManualAttempt> countManualAttempt(
            @Bind("messageId") String messageId,
            @Bind("endpointId") String endpointId,
            @Bind("succeeded") boolean succeeded,
            @Bind("statusCode") Integer statusCode,
            @Bind("error") String error,
            @Bind("now") Instant now);

    /**
     * A delivery whose state an operational event reports: the message, the endpoint, the message's {@code eventId}
     * and the endpoint's uid, and the event's type.
     */
    record Reported(
            String deliveryId,
            String tenantId,
            String messageId,
            String eventId,
            String endpointId,
            String endpointUid,
            String type) {}

    /**
     * Among deliveries that just had an attempt: those whose failed attempts have reached {@code failingAfter}
     * ({@code message.attempt.failing}, once per delivery), and those that succeeded after that was reported
     * ({@code message.attempt.recovered}). A conditional update, so of two workers recording the same change only
     * one gets it back. The operator's own deliveries never report.
     */
    @SqlQuery("""
        WITH changed AS (
            UPDATE deliveries d SET failing_reported = NOT d.failing_reported
            FROM unnest(CAST(:ids AS text[])) AS wanted (id)
            WHERE d.id = wanted.id AND d.tenant_id <> :operatorTenant
              AND CASE WHEN d.failing_reported THEN d.status = 'succeeded'
                       ELSE d.status <> 'succeeded' AND d.attempts >= :failingAfter END
            RETURNING d.id, d.tenant_id, d.message_id, d.endpoint_id, d.failing_reported
        )
        SELECT c.id AS delivery_id, c.tenant_id, c.message_id, m.event_id, c.endpoint_id, e.uid AS endpoint_uid,
               CASE WHEN c.failing_reported THEN 'message.attempt.failing'
                    ELSE 'message.attempt.recovered' END AS type
        FROM changed c
        LEFT JOIN endpoints e ON e.id = c.endpoint_id
        LEFT JOIN LATERAL (SELECT event_id FROM messages WHERE id = c.message_id LIMIT 1) m ON true
        ORDER BY c.id
        """)
    @RegisterConstructorMapper(Reported.class)
    List<Reported> reportFailingOrRecovered(
            @Bind("ids") String[] deliveryIds,
            @Bind("failingAfter") int failingAfter,
            @Bind("operatorTenant") String operatorTenant);

    /**
     * Among deliveries whose attempt numbered {@code attempts} (in step with {@code ids}) just failed them for good:
     * those not yet reported exhausted at that count ({@code message.attempt.exhausted}). A delivery recovered and
     * failed again later is reported again, at its new count; a delivery failed meanwhile for another reason (its
     * endpoint was disabled) kept its earlier count and is not reported.
     */
    @SqlQuery("""
        WITH changed AS (
            UPDATE deliveries d SET exhausted_reported = d.attempts
            FROM unnest(CAST(:ids AS text[]), CAST(CAST(:attempts AS text[]) AS int[])) AS wanted (id, attempts)
            WHERE d.id = wanted.id AND d.tenant_id <> :operatorTenant AND d.status = 'failed'
              AND d.attempts = wanted.attempts AND d.exhausted_reported IS DISTINCT FROM d.attempts
            RETURNING d.id, d.tenant_id, d.message_id, d.endpoint_id
        )
        SELECT c.id AS delivery_id, c.tenant_id, c.message_id, m.event_id, c.endpoint_id, e.uid AS endpoint_uid,
               'message.attempt.exhausted' AS type
        FROM changed c
        LEFT JOIN endpoints e ON e.id = c.endpoint_id
        LEFT JOIN LATERAL (SELECT event_id FROM messages WHERE id = c.message_id LIMIT 1) m ON true
        ORDER BY c.id
        """)
    @RegisterConstructorMapper(Reported.class)
    List<Reported> reportExhausted(
            @Bind("ids") String[] deliveryIds,
            @Bind("attempts") String[] attempts,
            @Bind("operatorTenant") String operatorTenant);

    /**
     * Retention: deletes up to {@code limit} settled deliveries whose id is below {@code beforeId} (ids are
     * time-ordered: {@code Ids.floor}), oldest first; answers how many. Walking the primary key spares every
     * delivery an index on {@code created_at}, two index entries less per delivery written (V6).
     */
    @SqlUpdate("""
        DELETE FROM deliveries
        WHERE id IN (SELECT id FROM deliveries WHERE id < :beforeId AND status IN ('succeeded', 'failed')
                     ORDER BY id LIMIT :limit)
        """)
    int deleteSettledBefore(@Bind("beforeId") String beforeId, @Bind("limit") int limit);
}
