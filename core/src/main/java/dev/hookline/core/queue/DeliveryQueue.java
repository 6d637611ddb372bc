package dev.hookline.core.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis fast path of delivery, in N shards. Each shard has a stream read by a consumer group for work that is
 * due now, and a sorted set (score = due time in epoch millis) for retries due later; both keys carry the shard's
 * own hash tag, so on a Redis Cluster a shard lives on one master, its Lua script touches only its own slot, and
 * the shards spread over the masters. A delivery's shard follows its endpoint (a stable hash of the endpoint id),
 * so one endpoint's deliveries stay on one shard and a flood to one endpoint fills one shard of N. On a single
 * Redis all shards share the server.
 *
 * <p>The hash tags are chosen so that shard {@code i}'s slot lies in the {@code i}-th N-th of the slot range:
 * {@code {q<i>}} when its slot falls there, else {@code {q<i>.<k>}} for the first {@code k} whose slot does. A
 * cluster whose masters hold equal ranges of slots then gets an even share of shards (16 shards on 3 masters: 5,
 * 5 and 6; {@code {q0}} … {@code {q15}} alone would put 8 of them on one master).
 *
 * <p>Redis only carries delivery ids and may lose them (restart, flush, failover): PostgreSQL stays the source of
 * truth and the reconciler re-enqueues anything due that no queue holds. An entry is acknowledged (and deleted, so
 * the stream does not grow) only after its attempt is committed. Every operation on many deliveries is pipelined:
 * one round trip, whatever the number of deliveries and shards ({@link Pipelined}).
 *
 * <p>Changing N between restarts strands nothing: every process registers its shards' tags in a set, and the shards
 * of another N (and the single {@code {q}} of versions before sharding) that still hold entries are "retired": the
 * workers read them and move their due retries as they do their own, and a retired shard whose stream and delayed
 * set are empty is deleted. Anything a retired shard loses is the reconciler's, as with any loss of Redis data.
 */
public final class DeliveryQueue {
    static final String FIELD = "d";
    public static final String GROUP = "workers";
    public static final int DEFAULT_SHARDS = 16;
    /** More shards than this would only add reader threads and connections: a cluster has 16,384 slots. */
    public static final int MAX_SHARDS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    private static final int SLOTS = 16384;
    private static final StreamEntryID FROM_START = new StreamEntryID(0, 0);

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

    /** Deletes a retired shard's keys if it holds nothing: no entry (read or not) and no retry. */
    private static final String DELETE_IF_EMPTY = """
            if redis.call('XLEN', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) == 0 then
              redis.call('DEL', KEYS[1], KEYS[2])
              return 1
            end
            return 0
            """;

    /** One shard's keys. */
    record Shard(String tag, String stream, String delayed) {}

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final List<Shard> shards;
    private final Set<String> tags;
    private final String registry;
    private final Pipelined.Redirects redirects = new Pipelined.Redirects();
    private volatile List<Shard> retired = List.of();

    /** A queue of {@value #DEFAULT_SHARDS} shards. */
    public DeliveryQueue(UnifiedJedis redis, String keyPrefix) {
        this(redis, keyPrefix, DEFAULT_SHARDS);
    }

    /**
     * @param keyPrefix namespace of this installation's keys (tests use one per class)
     * @param shards    N, 1 to {@value #MAX_SHARDS}
     */
    public DeliveryQueue(UnifiedJedis redis, String keyPrefix, int shards) {
        this.redis = Objects.requireNonNull(redis, "redis == null");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix == null");
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be 1 to " + MAX_SHARDS + ", not " + shards);
        }
        List<Shard> list = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            list.add(shard(tag(i, shards)));
        }
        this.shards = List.copyOf(list);
        this.tags = new LinkedHashSet<>(list.stream().map(Shard::tag).toList());
        this.registry = keyPrefix + "queue-shards";
    }

    /** The endpoints' current in-flight limits, published by the workers beside this queue's keys. */
    public EndpointLimits endpointLimits() {
        return new EndpointLimits(redis, keyPrefix);
    }

    /** Shard {@code i}'s hash tag among {@code n}: its slot lies in the {@code i}-th n-th of the slot range. */
    static String tag(int i, int n) {
        long from = (long) i * SLOTS / n;
        long to = (long) (i + 1) * SLOTS / n;
        for (int k = 0; ; k++) {
            String tag = k == 0 ? "q" + i : "q" + i + "." + k;
            int slot = JedisClusterCRC16.getSlot(tag);
            if (slot >= from && slot < to) {
                return tag;
            }
        }
    }

    private Shard shard(String tag) {
        String hashTagged = keyPrefix + "{" + tag + "}";
        return new Shard(tag, hashTagged + ":stream", hashTagged + ":delayed");
    }

    /** N. */
    public int shards() {
        return shards.size();
    }

    /** The shard an endpoint's deliveries go to: the same in every process and version. */
    public int shardOf(String endpointId) {
        CRC32 crc = new CRC32();
        crc.update(endpointId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards.size());
    }

    /** The stream of every shard, in shard order (the delayed sets share their hash tags). */
    public List<String> streamKeys() {
        return shards.stream().map(Shard::stream).toList();
    }

    /**
     * Creates every shard's stream and consumer group when missing (at start, and after Redis lost its data),
     * registers this N's shards, and looks for retired shards that still hold entries. The reconciler calls it on
     * every round.
     */
    public void ensureGroup() {
        Pipelined batch = batch();
        List<Pipelined.Result<String>> created = new ArrayList<>(shards.size());
        for (Shard s : shards) {
            created.add(batch.add(
                    s.stream(),
                    p -> p.xgroupCreate(s.stream(), GROUP, FROM_START, true),
                    r -> r.xgroupCreate(s.stream(), GROUP, FROM_START, true)));
        }
        String[] ours = tags.toArray(String[]::new);
        Pipelined.Result<Long> registered =
                batch.add(registry, p -> p.sadd(registry, ours), r -> r.sadd(registry, ours));
        Pipelined.Result<Set<String>> known = batch.add(registry, p -> p.smembers(registry), r -> r.smembers(registry));
        batch.sync();
        for (Pipelined.Result<String> result : created) {
            if (result.error() != null && !isError(result.error(), "BUSYGROUP")) {
                throw result.error();
            }
        }
        registered.get();
        findRetired(known.get());
    }

    /** The shards of other Ns in the registry, and the pre-sharding {@code {q}}, that have a stream or retries. */
    private void findRetired(Set<String> registered) {
        Set<String> candidates = new LinkedHashSet<>(registered);
        candidates.add("q");
        candidates.removeAll(tags);
        Pipelined batch = batch();
        Map<Shard, Pipelined.Result<Long>> exists = new LinkedHashMap<>();
        for (String tag : candidates) {
            Shard s = shard(tag);
            exists.put(
                    s,
                    batch.add(
                            s.stream(),
                            p -> p.exists(s.stream(), s.delayed()),
                            r -> r.exists(s.stream(), s.delayed())));
        }
        batch.sync();
        List<Shard> found = new ArrayList<>();
        exists.forEach((s, count) -> {
            if (count.get() > 0) {
                found.add(s);
            }
        });
        if (!found.equals(retired)) {
            if (!found.isEmpty()) {
                LOG.info(
                        "reading {} retired queue shards until they are empty: {}",
                        found.size(),
                        found.stream().map(Shard::tag).toList());
            }
            synchronized (this) { // with forgetRetired's
                retired = List.copyOf(found);
            }
        }
    }

    /** Puts deliveries that are due now on their shards' streams, pipelined. */
    public void enqueue(Collection<DeliveryRef> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Pipelined batch = batch();
        List<Pipelined.Result<StreamEntryID>> added = new ArrayList<>(deliveries.size());
        for (DeliveryRef d : deliveries) {
            String stream = shards.get(shardOf(d.endpointId())).stream();
            Map<String, String> fields = Map.of(FIELD, d.deliveryId());
            added.add(batch.add(
                    stream,
                    p -> p.xadd(stream, StreamEntryID.NEW_ENTRY, fields),
                    r -> r.xadd(stream, StreamEntryID.NEW_ENTRY, fields)));
        }
        batch.sync();
        throwFirstError(added);
    }

    /** Schedules deliveries for later, in their shards' delayed sets: delivery to due time in epoch millis. */
    public void schedule(Map<DeliveryRef, Long> dueAtMillis) {
        if (dueAtMillis.isEmpty()) {
            return;
        }
        Map<String, Map<String, Double>> byShard = new LinkedHashMap<>();
        dueAtMillis.forEach((d, due) -> byShard.computeIfAbsent(
                        shards.get(shardOf(d.endpointId())).delayed(), k -> new HashMap<>())
                .put(d.deliveryId(), due.doubleValue()));
        Pipelined batch = batch();
        List<Pipelined.Result<Long>> added = new ArrayList<>(byShard.size());
        byShard.forEach((delayed, scores) ->
                added.add(batch.add(delayed, p -> p.zadd(delayed, scores), r -> r.zadd(delayed, scores))));
        batch.sync();
        throwFirstError(added);
    }

    /**
     * Moves up to {@code limit} retries per shard due by {@code nowMillis} onto the shards' streams (retired shards
     * included), pipelined; answers how many moved. A shard whose slot is being migrated between two
     * masters may answer {@code TRYAGAIN} while its two keys are apart: it is skipped until the next call.
     */
    public int moveDue(long nowMillis, int limit) {
        List<String> args = List.of(Long.toString(nowMillis), Integer.toString(limit));
        Pipelined batch = batch();
        List<Pipelined.Result<Object>> moved = new ArrayList<>();
        for (Shard s : allShards()) {
            List<String> keys = List.of(s.delayed(), s.stream());
            moved.add(batch.add(s.delayed(), p -> p.eval(MOVE_DUE, keys, args), r -> r.eval(MOVE_DUE, keys, args)));
        }
        batch.sync();
        int total = 0;
        RuntimeException failed = null;
        int failures = 0;
        for (Pipelined.Result<Object> result : moved) {
            if (result.error() == null) {
                total += ((Long) result.get()).intValue();
            } else if (!isError(result.error(), "TRYAGAIN")) {
                failed = failed == null ? result.error() : failed;
                failures++;
            }
        }
        if (failed != null && failures == moved.size()) {
            throw failed;
        }
        if (failed != null) {
            LOG.warn("could not move due retries on {} of {} shards: {}", failures, moved.size(), failed.toString());
        }
        return total;
    }

    /**
     * A reader of every shard for one worker process; see {@link QueueReader}.
     *
     * @param consumer     this process's name in the consumer groups
     * @param batchSize    the most entries read ahead of the worker's claims
     * @param reclaimAfter how long an entry another consumer read may stay unacknowledged before this one takes it
     *     over (the worker's lease)
     */
    public QueueReader reader(String consumer, int batchSize, Duration reclaimAfter) {
        return new QueueReader(this, consumer, batchSize, reclaimAfter);
    }

    /** Acknowledges and deletes entries whose outcome is committed in PostgreSQL, pipelined. */
    public void ack(Collection<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Pipelined batch = batch();
        List<Pipelined.Result<Long>> results = new ArrayList<>();
        byStream(entries).forEach((stream, list) -> {
            StreamEntryID[] ids = list.stream().map(QueueEntry::entryId).toArray(StreamEntryID[]::new);
            results.add(batch.add(stream, p -> p.xack(stream, GROUP, ids), r -> r.xack(stream, GROUP, ids)));
            results.add(batch.add(stream, p -> p.xdel(stream, ids), r -> r.xdel(stream, ids)));
        });
        batch.sync();
        throwFirstError(results);
    }

    /**
     * Puts entries that were read but never worked on back at the end of their streams, for any consumer to read
     * at once, instead of waiting in this consumer's pending list until another reclaims them.
     */
    public void requeue(Collection<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Pipelined batch = batch();
        List<Pipelined.Result<?>> results = new ArrayList<>();
        byStream(entries).forEach((stream, list) -> {
            for (QueueEntry e : list) {
                Map<String, String> fields = Map.of(FIELD, e.deliveryId());
                results.add(batch.add(
                        stream,
                        p -> p.xadd(stream, StreamEntryID.NEW_ENTRY, fields),
                        r -> r.xadd(stream, StreamEntryID.NEW_ENTRY, fields)));
            }
            StreamEntryID[] ids = list.stream().map(QueueEntry::entryId).toArray(StreamEntryID[]::new);
            results.add(batch.add(stream, p -> p.xack(stream, GROUP, ids), r -> r.xack(stream, GROUP, ids)));
            results.add(batch.add(stream, p -> p.xdel(stream, ids), r -> r.xdel(stream, ids)));
        });
        batch.sync();
        throwFirstError(results);
    }

    /** Entries on the streams not yet acknowledged (read or unread), over all shards. */
    public long depth() {
        return sumOverShards(Shard::stream, (p, key) -> p.xlen(key), (r, key) -> r.xlen(key));
    }

    /** Retries waiting for their due time, over all shards. */
    public long delayedDepth() {
        return sumOverShards(Shard::delayed, (p, key) -> p.zcard(key), (r, key) -> r.zcard(key));
    }

    /**
     * One shard's state for the metrics: entries on its stream not yet acknowledged ({@code depth}), retries in its
     * delayed set ({@code delayed}), and the epoch millis since which its oldest due entry has waited: the first
     * entry on the stream (its id is the time it was added) or the earliest retry whose due time has passed; 0 when
     * nothing is due.
     */
    public record ShardStats(int shard, long depth, long delayed, long oldestDueSinceMillis) {}

    /** Every active shard's {@link ShardStats} at {@code nowMillis}, in shard order, in one pipelined round trip. */
    public List<ShardStats> shardStats(long nowMillis) {
        Pipelined batch = batch();
        record Pending(
                Pipelined.Result<Long> depth,
                Pipelined.Result<Long> delayed,
                Pipelined.Result<List<StreamEntry>> first,
                Pipelined.Result<List<Tuple>> earliest) {}
        List<Pending> pending = new ArrayList<>(shards.size());
        for (Shard s : shards) {
            String stream = s.stream();
            String delayed = s.delayed();
            pending.add(new Pending(
                    batch.add(stream, p -> p.xlen(stream), r -> r.xlen(stream)),
                    batch.add(delayed, p -> p.zcard(delayed), r -> r.zcard(delayed)),
                    batch.add(stream, p -> p.xrange(stream, "-", "+", 1), r -> r.xrange(stream, "-", "+", 1)),
                    batch.add(
                            delayed, p -> p.zrangeWithScores(delayed, 0, 0), r -> r.zrangeWithScores(delayed, 0, 0))));
        }
        batch.sync();
        List<ShardStats> stats = new ArrayList<>(shards.size());
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            long oldest = 0;
            List<StreamEntry> first = p.first().get();
            if (first != null && !first.isEmpty()) {
                oldest = first.get(0).getID().getTime();
            }
            List<Tuple> earliest = p.earliest().get();
            if (earliest != null && !earliest.isEmpty()) {
                long due = (long) earliest.get(0).getScore();
                if (due <= nowMillis && (oldest == 0 || due < oldest)) {
                    oldest = due;
                }
            }
            stats.add(new ShardStats(i, p.depth().get(), p.delayed().get(), oldest));
        }
        return stats;
    }

    /** One count per shard's key, pipelined, summed. */
    private long sumOverShards(
            Function<Shard, String> keyOf,
            BiFunction<AbstractPipeline, String, Response<Long>> piped,
            BiFunction<UnifiedJedis, String, Long> alone) {
        Pipelined batch = batch();
        List<Pipelined.Result<Long>> counts = new ArrayList<>();
        for (Shard s : allShards()) {
            String key = keyOf.apply(s);
            counts.add(batch.add(key, p -> piped.apply(p, key), r -> alone.apply(r, key)));
        }
        batch.sync();
        return counts.stream().mapToLong(Pipelined.Result::get).sum();
    }

    /** Pipelined commands a cluster answered with MOVED, since start (each was sent again and succeeded). */
    public long redirectedMoved() {
        return redirects.moved.sum();
    }

    /** Pipelined commands a cluster answered with ASK, since start (each was sent again and succeeded). */
    public long redirectedAsk() {
        return redirects.asked.sum();
    }

    // What a QueueReader needs of its shards.

    List<Shard> activeShards() {
        return shards;
    }

    /** The retired shards found by the last {@link #ensureGroup()}; the same list object until that changes. */
    List<Shard> retiredShards() {
        return retired;
    }

    private List<Shard> allShards() {
        List<Shard> now = retired;
        if (now.isEmpty()) {
            return shards;
        }
        List<Shard> all = new ArrayList<>(shards);
        all.addAll(now);
        return all;
    }

    /**
     * Reads up to {@code count} new entries of one shard for {@code consumer}, waiting up to {@code blockMillis}
     * for the first ({@code blockMillis < 0}: not at all). Throws Redis's {@code NOGROUP} error when the stream or
     * its group is missing.
     */
    List<QueueEntry> read(Shard shard, String consumer, int count, int blockMillis) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
        if (blockMillis >= 0) {
            params.block(blockMillis);
        }
        List<Map.Entry<String, List<StreamEntry>>> response = redis.xreadGroup(
                GROUP, consumer, params, Map.of(shard.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        if (response == null) {
            return List.of();
        }
        List<QueueEntry> out = new ArrayList<>();
        for (Map.Entry<String, List<StreamEntry>> perStream : response) {
            for (StreamEntry entry : perStream.getValue()) {
                String id = entry.getFields() == null ? null : entry.getFields().get(FIELD);
                if (id != null) {
                    out.add(new QueueEntry(shard.stream(), entry.getID(), id));
                }
            }
        }
        return out;
    }

    /** Takes over entries of one shard that another consumer read but did not acknowledge within {@code minIdle}. */
    List<QueueEntry> claimAbandoned(Shard shard, String consumer, long minIdleMillis, int count) {
        Map.Entry<StreamEntryID, List<StreamEntry>> result = redis.xautoclaim(
                shard.stream(),
                GROUP,
                consumer,
                minIdleMillis,
                FROM_START,
                XAutoClaimParams.xAutoClaimParams().count(count));
        List<QueueEntry> out = new ArrayList<>();
        for (StreamEntry entry : result.getValue()) {
            if (entry != null && entry.getFields() != null && entry.getFields().get(FIELD) != null) {
                out.add(new QueueEntry(
                        shard.stream(), entry.getID(), entry.getFields().get(FIELD)));
            }
        }
        return out;
    }

    /**
     * After a {@code NOGROUP} answer: creates the group again (Redis restarted, flushed, or failed over without
     * the last writes), reading the stream from its start. A retired shard's stream is not created: answers false
     * when it is gone.
     */
    boolean recreateGroup(Shard shard) {
        boolean active = tags.contains(shard.tag());
        try {
            redis.xgroupCreate(shard.stream(), GROUP, FROM_START, active);
            return true;
        } catch (JedisDataException e) {
            if (isError(e, "BUSYGROUP")) {
                return true;
            }
            if (!active) {
                return false; // "requires the key to exist": nothing left to read
            }
            throw e;
        }
    }

    /** Deletes a retired shard's keys when it holds nothing any more; answers whether it did. */
    boolean deleteIfEmpty(Shard shard) {
        if (tags.contains(shard.tag())) {
            return false;
        }
        Object deleted = redis.eval(DELETE_IF_EMPTY, List.of(shard.stream(), shard.delayed()), List.of());
        if (((Long) deleted) == 1) {
            LOG.info("retired queue shard {{}} is empty and deleted", shard.tag());
            forgetRetired(shard);
            return true;
        }
        return false;
    }

    /**
     * Drops a deleted shard from {@link #retired}. Each retired shard's reader deletes its own, often several at the
     * same moment once a resharding is drained, so the copy and the write are one step: two readers each removing
     * theirs from the same copy would put one of the deleted shards back.
     */
    private synchronized void forgetRetired(Shard shard) {
        List<Shard> now = new ArrayList<>(retired);
        now.remove(shard);
        retired = List.copyOf(now);
    }

    static boolean isError(RuntimeException e, String code) {
        return e instanceof JedisDataException
                && e.getMessage() != null
                && e.getMessage().startsWith(code);
    }

    private Pipelined batch() {
        return new Pipelined(redis, redirects);
    }

    private static Map<String, List<QueueEntry>> byStream(Collection<QueueEntry> entries) {
        Map<String, List<QueueEntry>> out = new LinkedHashMap<>();
        for (QueueEntry e : entries) {
            out.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    private static void throwFirstError(List<? extends Pipelined.Result<?>> results) {
        for (Pipelined.Result<?> result : results) {
            if (result.error() != null) {
                throw result.error();
            }
        }
    }
}
