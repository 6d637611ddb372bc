package dev.hookline.core.delivery;

import static dev.hookline.core.db.Jdbc.failed;
import static dev.hookline.core.db.Jdbc.instant;
import static dev.hookline.core.db.Jdbc.textArray;
import static dev.hookline.core.db.Jdbc.timestamp;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.attempts.AttemptSql;
import dev.hookline.core.db.Json;
import dev.hookline.core.endpoints.StoredSecret;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements the worker runs for every batch it reads or records (claim with the endpoints' secrets,
 * outcomes, endpoint health) in plain JDBC on the caller's connection. Like {@code IngestSql} and {@code AttemptSql}
 * they are not {@link DeliveryDao} methods: JDBI's {@code attach} builds an invoker for every method of a DAO on each
 * call, which on these statements takes a fifth of the consumer's and the recorder's CPU (19.5 % and 22 % of their
 * profile samples).
 * <p>
 * Both the claim and the record commit without waiting for the WAL flush: what they write can be lost only in a
 * crash of PostgreSQL itself, and then the deliveries concerned are claimable again and sent again (at least once,
 * as after any crash). Messages are what must never be lost, and their commit (ingest) stays synchronous; it also
 * flushes every asynchronous commit before it.
 */
public final class DeliverySql {
    /**
     * A {@code WITH} entry that makes the statement's own transaction commit without waiting for the WAL flush
     * ({@code set_config(…, true)} lasts until that commit); the statement must join it, or it is never evaluated.
     * Under load a synchronous commit queues behind every other commit's flush ({@code pg_stat_activity}:
     * {@code IO:WALSync}, {@code LWLock:WALWrite}), and the sending or recording loop with it ({@link #CLAIM},
     * {@link #RECORD}). A {@code SET LOCAL} in a transaction would do the same in three more round trips
     * ({@code BEGIN}, {@code SET LOCAL}, {@code COMMIT}).
     */
    private static final String ASYNCHRONOUS_COMMIT = """
        asynchronous_commit AS MATERIALIZED (
            SELECT set_config('synchronous_commit', 'off', true)
        )""";

    /**
     * Claims due, unleased deliveries among the ids and returns what is needed to send them, in one round trip: the
     * message, the endpoint, and the endpoint's active secrets (the current one first, then unexpired old ones, newest
     * first), rather than a second query per batch. At moderate rates a batch holds one or two deliveries, and such a
     * query's fixed cost is about 190 µs of PostgreSQL's CPU (pgbench).
     * Stale queue entries (already done, not yet due, or leased by another worker) are simply not returned, which is
     * what makes duplicate queue entries harmless.
     * <p>
     * The message is read with a {@code LATERAL … LIMIT 1} by id rather than joined: its primary key is
     * {@code (id, created_at)} (the partition key must be in it), so for a join without statistics on a young weekly
     * partition the planner guesses thousands of rows per id, chooses a bitmap scan of every partition and, past the
     * JIT cost threshold, compiles the query: 50 ms per claim instead of 2. The ids are joined from an array, one
     * primary-key lookup each, so the plan never walks the {@code deliveries_due} index (which, full of dead entries
     * or long with a backlog, makes a claim of 20 rows take 14 ms); one array also means one prepared statement for
     * every batch size. Only {@code lease_until} changes, a column no index holds, so with the table's spare page room
     * (V5) the update stays on its page without new index entries.
     * <p>
     * The statement is its own transaction and commits asynchronously ({@link #ASYNCHRONOUS_COMMIT}). A lease is
     * soft state: if PostgreSQL crashes and loses it, the delivery is simply claimable again. Waiting for the flush
     * would hold the consumer loop behind other commits' flushes: a synchronous claim delivers about a fifth less
     * (6,100 against 7,700 deliveries/s), with a p99 at 500 messages/s of 149 against 89 ms.
     */
    private static final String CLAIM = "WITH " + ASYNCHRONOUS_COMMIT + """
        , claimed AS (
            UPDATE deliveries d SET lease_until = ?
            FROM unnest(CAST(? AS text[])) AS wanted (id)
            WHERE d.id = wanted.id
              AND d.status IN ('pending', 'retrying')
              AND d.next_attempt_at <= ?
              AND (d.lease_until IS NULL OR d.lease_until < ?)
            RETURNING d.id, d.tenant_id, d.message_id, d.endpoint_id, d.attempts
        )
        SELECT c.id, c.tenant_id, c.message_id, c.endpoint_id, c.attempts, m.event_type, m.payload,
               m.created_at AS message_created_at, m.traceparent, e.url, e.headers::text AS headers, e.rate_limit, e.max_in_flight, e.disabled,
               s.kinds, s.key_ids, s.ciphertexts, s.public_keys, s.created, s.expires
        FROM claimed c
        JOIN endpoints e ON e.id = c.endpoint_id
        CROSS JOIN LATERAL (SELECT event_type, payload, created_at, traceparent FROM messages WHERE id = c.message_id LIMIT 1) m
        CROSS JOIN LATERAL (
            SELECT array_agg(s.kind ORDER BY s.r) AS kinds, array_agg(s.key_id ORDER BY s.r) AS key_ids,
                   array_agg(s.ciphertext ORDER BY s.r) AS ciphertexts, array_agg(s.public_key ORDER BY s.r) AS public_keys,
                   array_agg(s.created_at ORDER BY s.r) AS created, array_agg(s.expires_at ORDER BY s.r) AS expires
            FROM (SELECT kind, key_id, ciphertext, public_key, created_at, expires_at,
                         row_number() OVER (ORDER BY expires_at IS NOT NULL, created_at DESC) AS r
                  FROM endpoint_secrets
                  WHERE endpoint_id = c.endpoint_id AND (expires_at IS NULL OR expires_at > ?)) s
        ) s
        CROSS JOIN asynchronous_commit
        """;

    /**
     * Attempts' outcomes in one statement (the arrays run in step, one element per delivery); a delivery failed
     * meanwhile (its endpoint was disabled) stays failed.
     */
    private static final String COMPLETE = """
        UPDATE deliveries d SET status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at,
            lease_until = NULL, last_status_code = o.last_status_code, last_error = o.last_error, updated_at = now()
        FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])::int[],
                    CAST(? AS text[])::timestamptz[], CAST(? AS text[])::int[], CAST(? AS text[]))
             AS o (id, status, attempts, next_attempt_at, last_status_code, last_error)
        CROSS JOIN asynchronous_commit
        WHERE d.id = o.id AND d.status IN ('pending', 'retrying')
        """;

    /** An endpoint that answered 2xx is healthy again: its run of failures is over. */
    private static final String MARK_HEALTHY = """
        UPDATE endpoints SET failing_since = NULL
        WHERE id = ANY (CAST(? AS text[])) AND failing_since IS NOT NULL
        """;

    /**
     * A batch of finished attempts in one statement, its own transaction or part of the caller's: the attempt rows,
     * the deliveries' outcomes, and the end of the run of failures of endpoints that answered 2xx. As separate
     * statements they would be three round trips, with {@code BEGIN} and {@code COMMIT} two more; at moderate rates a
     * flush carries about five attempts, and each round trip's system calls and wake-ups cost more than its rows.
     * <p>
     * Its transaction (the caller's too, when it is part of one) commits asynchronously
     * ({@link #ASYNCHRONOUS_COMMIT}, joined by the outcomes): if PostgreSQL crashes, the attempts of the last moments
     * can be lost together with their deliveries' outcomes, and the reconciler finds those deliveries overdue and
     * has them sent again. Waiting for the flush would make the API's message commits queue behind the recorder's:
     * at 500 messages/s the p99 from send to receipt is 40 % lower or better without it in four A/B pairs of five
     * (46 against 84 ms and 21 against 123 ms in the two full runs).
     */
    private static final String RECORD = "WITH " + ASYNCHRONOUS_COMMIT + ", attempt AS (\n" + AttemptSql.INSERT
            + "), healthy AS (\n" + MARK_HEALTHY + ")\n" + COMPLETE;

    private DeliverySql() {}

    /**
     * Claims the deliveries among {@code ids} that are due by {@code dueBy} and unleased at {@code now}, each with its
     * endpoint's active secrets.
     */
    public static List<DeliveryJob> claim(Connection c, String[] ids, Instant leaseUntil, Instant dueBy, Instant now) {
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setObject(1, timestamp(leaseUntil));
            s.setArray(2, textArray(c, ids));
            s.setObject(3, timestamp(dueBy));
            s.setObject(4, timestamp(now));
            s.setObject(5, timestamp(now));
            List<DeliveryJob> jobs = new ArrayList<>(ids.length);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String endpointId = rs.getString("endpoint_id");
                    Integer boxedRate = rs.getObject("rate_limit", Integer.class);
                    Integer boxedMaxInFlight = rs.getObject("max_in_flight", Integer.class);
                    jobs.add(new DeliveryJob(
                            rs.getString("id"),
                            rs.getString("tenant_id"),
                            rs.getString("message_id"),
                            endpointId,
                            rs.getInt("attempts") + 1,
                            rs.getString("event_type"),
                            rs.getBytes("payload"),
                            instant(rs.getTimestamp("message_created_at")),
                            rs.getString("url"),
                            Json.stringMap(rs.getString("headers")),
                            secrets(rs, endpointId),
                            boxedRate,
                            rs.getBoolean("disabled"),
                            rs.getString("traceparent"),
                            boxedMaxInFlight));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw failed("claiming deliveries", e);
        }
    }

    /** The secrets of one claimed row: six arrays in step, or nulls for an endpoint without secrets. */
    private static List<StoredSecret> secrets(ResultSet rs, String endpointId) throws SQLException {
        Array kinds = rs.getArray("kinds");
        if (kinds == null) {
            return List.of();
        }
        String[] kind = (String[]) kinds.getArray();
        String[] keyId = (String[]) rs.getArray("key_ids").getArray();
        byte[][] ciphertext = (byte[][]) rs.getArray("ciphertexts").getArray();
        String[] publicKey = (String[]) rs.getArray("public_keys").getArray();
        Timestamp[] created = (Timestamp[]) rs.getArray("created").getArray();
        Timestamp[] expires = (Timestamp[]) rs.getArray("expires").getArray();
        List<StoredSecret> secrets = new ArrayList<>(kind.length);
        for (int i = 0; i < kind.length; i++) {
            secrets.add(new StoredSecret(
                    endpointId,
                    kind[i],
                    keyId[i],
                    ciphertext[i],
                    publicKey[i],
                    instant(created[i]),
                    instant(expires[i])));
        }
        return secrets;
    }

    /**
     * Records finished attempts ({@link #RECORD}); of two outcomes for one delivery the later one counts, and a
     * delivery failed meanwhile (its endpoint was disabled) stays failed.
     */
    public static void record(
            Connection c,
            List<AttemptRow> attempts,
            List<DeliveryOutcome> outcomes,
            Collection<String> healthyEndpoints) {
        Map<String, DeliveryOutcome> last = new LinkedHashMap<>();
        outcomes.forEach(o -> last.put(o.deliveryId(), o));
        int n = last.size();
        String[] ids = new String[n];
        String[] statuses = new String[n];
        String[] attemptCounts = new String[n];
        String[] nextAt = new String[n];
        String[] codes = new String[n];
        String[] errors = new String[n];
        int i = 0;
        for (DeliveryOutcome o : last.values()) {
            ids[i] = o.deliveryId();
            statuses[i] = o.statusName();
            attemptCounts[i] = Integer.toString(o.attempts());
            nextAt[i] = o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString();
            codes[i] = o.lastStatusCode() == null ? null : o.lastStatusCode().toString();
            errors[i] = o.lastError();
            i++;
        }
        try (PreparedStatement s = c.prepareStatement(RECORD)) {
            int p = AttemptSql.bindAttempts(s, 1, attempts);
            s.setArray(p++, textArray(c, healthyEndpoints));
            for (String[] column : new String[][] {ids, statuses, attemptCounts, nextAt, codes, errors}) {
                s.setArray(p++, textArray(c, column));
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("recording attempts", e);
        }
    }

    /** Ends the run of failures of endpoints that just answered 2xx (a no-op for those not failing). */
    public static void markHealthy(Connection c, Collection<String> endpointIds) {
        try (PreparedStatement s = c.prepareStatement(MARK_HEALTHY)) {
            s.setArray(1, textArray(c, endpointIds));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("marking endpoints healthy", e);
        }
    }
}
