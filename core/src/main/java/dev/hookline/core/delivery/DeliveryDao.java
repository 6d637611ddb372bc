package dev.hookline.core.delivery;

import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.Delivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(DeliveryDao.JobMapper.class)
@RegisterConstructorMapper(Delivery.class)
public interface DeliveryDao {

    /**
     * Claims due, unleased deliveries among {@code ids} for this worker until {@code leaseUntil} and returns what
     * is needed to send them, in one round trip. Stale queue entries (already done, not yet due, or leased by
     * another worker) are simply not returned, which is what makes duplicate queue entries harmless.
     * <p>
     * The message is read with a {@code LATERAL … LIMIT 1} by id rather than joined: its primary key is
     * {@code (id, created_at)} (the partition key must be in it), so without statistics on a young weekly partition
     * the planner guessed thousands of rows per id, chose a bitmap scan of every partition and, past the JIT cost
     * threshold, compiled the query: 50 ms per claim instead of 2. The ids are joined from an array, one primary-key
     * lookup each, so the plan never walks the {@code deliveries_due} index (which, full of dead entries or long
     * with a backlog, made a claim of 20 rows take 14 ms); one array also means one prepared statement for every
     * batch size.
     */
    @SqlQuery("""
        WITH claimed AS (
            UPDATE deliveries d SET lease_until = :leaseUntil
            FROM unnest(CAST(:ids AS text[])) AS wanted (id)
            WHERE d.id = wanted.id
              AND d.status IN ('pending', 'retrying')
              AND d.next_attempt_at <= :dueBy
              AND (d.lease_until IS NULL OR d.lease_until < :now)
            RETURNING d.id, d.tenant_id, d.message_id, d.endpoint_id, d.attempts
        )
        SELECT c.id, c.tenant_id, c.message_id, c.endpoint_id, c.attempts, m.event_type, m.payload,
               m.created_at AS message_created_at, e.url, e.headers::text AS headers, e.rate_limit, e.disabled
        FROM claimed c
        JOIN endpoints e ON e.id = c.endpoint_id
        CROSS JOIN LATERAL (SELECT event_type, payload, created_at FROM messages WHERE id = c.message_id LIMIT 1) m
        """)
    List<DeliveryJob> claim(@Bind("ids") String[] ids, @Bind("leaseUntil") Instant leaseUntil,
                            @Bind("dueBy") Instant dueBy, @Bind("now") Instant now);

    /**
     * For ids a claim did not return: when each one still open may next be tried (its due time, or the end of the
     * lease another worker holds), in epoch millis. Done deliveries are absent: their queue entries are stale.
     * Looked up by primary key from the array, like {@link #claim}, never through {@code deliveries_due}.
     */
    @SqlQuery("""
        SELECT d.id, GREATEST(d.next_attempt_at, COALESCE(d.lease_until, d.next_attempt_at)) AS recheck_at
        FROM unnest(CAST(:ids AS text[])) AS wanted (id) JOIN deliveries d ON d.id = wanted.id
        WHERE d.status IN ('pending', 'retrying')
        """)
    @KeyColumn("id")
    @ValueColumn("recheck_at")
    Map<String, Instant> recheckTimes(@Bind("ids") String[] ids);

    /**
     * Records attempts' outcomes in one statement (the arrays run in step, one element per delivery); a delivery
     * failed meanwhile (its endpoint was disabled) stays failed. Use {@link #complete(List)}.
     */
    @SqlUpdate("""
        UPDATE deliveries d SET status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at,
            lease_until = NULL, last_status_code = o.last_status_code, last_error = o.last_error, updated_at = now()
        FROM unnest(CAST(:ids AS text[]), CAST(:statuses AS text[]), CAST(:attempts AS int[]),
                    CAST(:nextAttemptAt AS timestamptz[]), CAST(:lastStatusCodes AS int[]), CAST(:lastErrors AS text[]))
             AS o (id, status, attempts, next_attempt_at, last_status_code, last_error)
        WHERE d.id = o.id AND d.status IN ('pending', 'retrying')
        """)
    void completeAll(@Bind("ids") String[] ids, @Bind("statuses") String[] statuses, @Bind("attempts") String[] attempts,
                     @Bind("nextAttemptAt") String[] nextAttemptAt, @Bind("lastStatusCodes") String[] lastStatusCodes,
                     @Bind("lastErrors") String[] lastErrors);

    /** Records attempts' outcomes in one round trip; of two outcomes for one delivery the later one counts. */
    default void complete(List<DeliveryOutcome> outcomes) {
        Map<String, DeliveryOutcome> last = new LinkedHashMap<>();
        outcomes.forEach(o -> last.put(o.deliveryId(), o));
        int n = last.size();
        String[] ids = new String[n];
        String[] statuses = new String[n];
        String[] attempts = new String[n];
        String[] nextAt = new String[n];
        String[] codes = new String[n];
        String[] errors = new String[n];
        int i = 0;
        for (DeliveryOutcome o : last.values()) {
            ids[i] = o.deliveryId();
            statuses[i] = o.statusName();
            attempts[i] = Integer.toString(o.attempts());
            nextAt[i] = o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString();
            codes[i] = o.lastStatusCode() == null ? null : o.lastStatusCode().toString();
            errors[i] = o.lastError();
            i++;
        }
        completeAll(ids, statuses, attempts, nextAt, codes, errors);
    }

    /** Releases leases without recording anything: for deliveries a stopping worker never sent. */
    @SqlUpdate("UPDATE deliveries SET lease_until = NULL WHERE id IN (<ids>)")
    int release(@BindList("ids") List<String> ids);

    /** Deliveries that should have been attempted by {@code overdueBefore} yet are unclaimed: lost from the queue. */
    @SqlQuery("""
        SELECT id FROM deliveries
        WHERE status IN ('pending', 'retrying') AND next_attempt_at <= :overdueBefore
          AND (lease_until IS NULL OR lease_until < :now)
        ORDER BY next_attempt_at LIMIT :limit
        """)
    List<String> overdue(@Bind("overdueBefore") Instant overdueBefore, @Bind("now") Instant now,
                         @Bind("limit") int limit);

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
    List<String> requeueFailed(@Bind("endpointId") String endpointId, @Bind("since") Instant since,
                               @Bind("until") Instant until, @Bind("after") String afterId, @Bind("now") Instant now,
                               @Bind("limit") int limit);

    /** A delivery row for a manual resend to an endpoint the message was never routed to; no-op if one exists. */
    @SqlUpdate("""
        INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, attempts, created_at, updated_at)
        VALUES (:id, :tenantId, :messageId, :endpointId, 'failed', 0, :now, :now)
        ON CONFLICT (message_id, endpoint_id) DO NOTHING
        """)
    void insertIfAbsent(@Bind("id") String id, @Bind("tenantId") String tenantId, @Bind("messageId") String messageId,
                        @Bind("endpointId") String endpointId, @Bind("now") Instant now);

    /** What a resend needs to write its attempt: the delivery's id and the number the new attempt carries. */
    record ManualAttempt(String id, int attempts) {
    }

    /**
     * Counts a manual attempt into the delivery and answers its id and new attempt count (the attempt's number).
     * A success settles the delivery as succeeded; a failure leaves its state and any scheduled retry alone.
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
    ManualAttempt countManualAttempt(@Bind("messageId") String messageId, @Bind("endpointId") String endpointId,
                                     @Bind("succeeded") boolean succeeded, @Bind("statusCode") Integer statusCode,
                                     @Bind("error") String error, @Bind("now") Instant now);

    /** Retention: deletes up to {@code limit} settled deliveries created before {@code before}; answers how many. */
    @SqlUpdate("""
        DELETE FROM deliveries
        WHERE id IN (SELECT id FROM deliveries WHERE created_at < :before AND status IN ('succeeded', 'failed')
                     ORDER BY created_at LIMIT :limit)
        """)
    int deleteSettledBefore(@Bind("before") Instant before, @Bind("limit") int limit);

    final class JobMapper implements RowMapper<DeliveryJob> {
        @Override
        public DeliveryJob map(ResultSet rs, StatementContext ctx) throws SQLException {
            int rateLimit = rs.getInt("rate_limit");
            Integer boxedRate = rs.wasNull() ? null : rateLimit;
            return new DeliveryJob(rs.getString("id"), rs.getString("tenant_id"), rs.getString("message_id"),
                    rs.getString("endpoint_id"), rs.getInt("attempts") + 1, rs.getString("event_type"),
                    rs.getBytes("payload"), rs.getTimestamp("message_created_at").toInstant(), rs.getString("url"),
                    Json.stringMap(rs.getString("headers")), boxedRate, rs.getBoolean("disabled"));
        }
    }
}
