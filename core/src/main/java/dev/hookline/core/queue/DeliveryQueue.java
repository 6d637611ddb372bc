package dev.hookline.core.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The Redis fast path of delivery: a stream read by a consumer group for work that is due now, and a sorted set
 * (score = due time in epoch millis) for retries due later. Both keys share one hash tag, so the queue and its
 * Lua script run unchanged on Redis Cluster.
 *
 * <p>Redis only carries delivery ids and may lose them (restart, flush): PostgreSQL stays the source of truth and
 * the reconciler re-enqueues anything due that no queue holds. An entry is acknowledged (and deleted, so the stream
 * does not grow) only after its attempt is committed.
 */
public final class DeliveryQueue {
    static final String FIELD = "d";
    public static final String GROUP = "workers";

    /** Moves due members of the delayed set onto the stream atomically: none lost, none moved twice. */
    private static final String MOVE_DUE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(due) do
              redis.call('XADD', KEYS[2], '*', 'd', id)
            end
            if #due > 0 then
              redis.call('ZREM', KEYS[1], unpack(due))
            end
            return #due
            """;

    private final UnifiedJedis redis;
    private final String stream;
    private final String delayed;

    /** @param keyPrefix namespace of this installation's keys (tests use one per class) */
    public DeliveryQueue(UnifiedJedis redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis == null");
        Objects.requireNonNull(keyPrefix, "keyPrefix == null");
        String tag = keyPrefix + "{q}";
        this.stream = tag + ":stream";
        this.delayed = tag + ":delayed";
    }

    public String streamKey() {
        return stream;
    }

    /** Creates the stream and its consumer group when missing: at start, and after Redis lost its data. */
    public void ensureGroup() {
        try {
            redis.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Puts deliveries that are due now on the stream, in one pipelined round trip. */
    public void enqueue(Collection<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String id : deliveryIds) {
                pipeline.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(FIELD, id));
            }
            pipeline.sync();
        }
    }

    /** Schedules deliveries for later: delivery id to due time in epoch millis. */
    public void schedule(Map<String, Long> dueAtMillis) {
        if (dueAtMillis.isEmpty()) {
            return;
        }
        Map<String, Double> scores = new java.util.HashMap<>();
        dueAtMillis.forEach((id, due) -> scores.put(id, due.doubleValue()));
        redis.zadd(delayed, scores);
    }

    /** Moves up to {@code limit} retries due by {@code nowMillis} onto the stream; answers how many moved. */
    public int moveDue(long nowMillis, int limit) {
        Object moved = redis.eval(
                MOVE_DUE, List.of(delayed, stream), List.of(Long.toString(nowMillis), Integer.toString(limit)));
        return ((Long) moved).intValue();
    }

    /**
     * Reads up to {@code count} new entries for {@code consumer}, waiting up to {@code blockMillis} for the first.
     * A missing group (Redis restarted or flushed) is recreated instead of failing the caller forever.
     */
    public List<QueueEntry> read(String consumer, int count, int blockMillis) {
        try {
            return entries(redis.xreadGroup(
                    GROUP,
                    consumer,
                    XReadGroupParams.xReadGroupParams().count(count).block(blockMillis),
                    Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                ensureGroup();
                return List.of();
            }
            throw e;
        }
    }

    /** Takes over entries that another consumer read but did not acknowledge within {@code minIdleMillis}. */
    public List<QueueEntry> claimAbandoned(String consumer, long minIdleMillis, int count) {
        try {
            Map.Entry<StreamEntryID, List<StreamEntry>> result = redis.xautoclaim(
                    stream,
                    GROUP,
                    consumer,
                    minIdleMillis,
                    new StreamEntryID(0, 0),
                    XAutoClaimParams.xAutoClaimParams().count(count));
            List<QueueEntry> out = new ArrayList<>();
            for (StreamEntry entry : result.getValue()) {
                if (entry != null
                        && entry.getFields() != null
                        && entry.getFields().get(FIELD) != null) {
                    out.add(new QueueEntry(entry.getID(), entry.getFields().get(FIELD)));
                }
            }
            return out;
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                ensureGroup();
                return List.of();
            }
            throw e;
        }
    }

    /** Acknowledges and deletes entries whose outcome is committed in PostgreSQL. */
    public void ack(Collection<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StreamEntryID[] ids = entries.stream().map(QueueEntry::entryId).toArray(StreamEntryID[]::new);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            pipeline.xack(stream, GROUP, ids);
            pipeline.xdel(stream, ids);
            pipeline.sync();
        }
    }

    /** Entries on the stream not yet acknowledged (read or unread). */
    public long depth() {
        return redis.xlen(stream);
    }

    /** Retries waiting for their due time. */
    public long delayedDepth() {
        return redis.zcard(delayed);
    }

    private static List<QueueEntry> entries(List<Map.Entry<String, List<StreamEntry>>> response) {
        if (response == null) {
            return List.of();
        }
        List<QueueEntry> out = new ArrayList<>();
        for (Map.Entry<String, List<StreamEntry>> perStream : response) {
            for (StreamEntry entry : perStream.getValue()) {
                String id = entry.getFields() == null ? null : entry.getFields().get(FIELD);
                if (id != null) {
                    out.add(new QueueEntry(entry.getID(), id));
                }
            }
        }
        return out;
    }
}
