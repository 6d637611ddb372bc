package dev.hookline.core.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every shard of a {@link DeliveryQueue} for one worker process, and hands the entries to its consumer loops
 * through {@link #read}.
 *
 * <p>Each shard has a reader thread. While its shard is idle the thread waits in a blocking {@code XREADGROUP} for
 * one entry (a cluster serves a blocking read of one slot only, so one read cannot wait on all shards); when one
 * arrives it reads, without blocking, as many more as there is room for. An idle worker therefore picks up a new
 * entry of any shard as soon as Redis hands it over, and a busy one reads in batches: two reads per batch, about
 * one Redis operation per hundred deliveries at full load.
 *
 * <p>What is read waits in a buffer of {@code batchSize} entries until a consumer loop takes it, so the worker never
 * holds much more than it can claim. A reader that finds the buffer full waits its turn, first come first served,
 * and takes one batch per turn: shards with work are served in turn, whatever their backlogs. Every half
 * {@code reclaimAfter}, each reader also takes over its shard's entries that another consumer read but never
 * acknowledged ({@code XAUTOCLAIM}). Retired shards ({@link DeliveryQueue}) get a reader too, until they are empty.
 */
public final class QueueReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueReader.class);
    /** How long an idle reader's blocking read waits in Redis before it reads again. */
    static final int BLOCK_MILLIS = 500;

    private final DeliveryQueue queue;
    private final String consumer;
    private final int batchSize;
    private final long reclaimAfterMillis;
    private final LinkedBlockingQueue<QueueEntry> ready = new LinkedBlockingQueue<>();
    /** Permits for entries in {@link #ready} and being read; a consumer's {@link #read} gives them back. */
    private final Semaphore room;
    /**
     * Readers with work take room in turns, first come first served, a batch each: without it, whoever got the
     * first permit after a consumer's read could take the whole batch again.
     */
    private final ReentrantLock turns = new ReentrantLock(true);

    private final Map<String, Thread> readers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile List<DeliveryQueue.Shard> retiredSeen = List.of();

    QueueReader(DeliveryQueue queue, String consumer, int batchSize, Duration reclaimAfter) {
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.consumer = Objects.requireNonNull(consumer, "consumer == null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.reclaimAfterMillis = reclaimAfter.toMillis();
        this.room = new Semaphore(batchSize);
    }

    /** Starts a reader per shard; creates the shards' groups first. */
    public void start() {
        queue.ensureGroup();
        running = true;
        for (DeliveryQueue.Shard shard : queue.activeShards()) {
            startReader(shard);
        }
        startRetiredReaders();
    }

    /**
     * Up to {@code max} entries of any shards, waiting up to {@code waitMillis} for the first; empty if none came.
     */
    public List<QueueEntry> read(int max, long waitMillis) throws InterruptedException {
        startRetiredReaders();
        QueueEntry first = ready.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<QueueEntry> out = new ArrayList<>(Math.min(max, batchSize));
        out.add(first);
        ready.drainTo(out, max - 1);
        room.release(out.size());
        return out;
    }

    /** Entries read and waiting for a consumer loop. */
    public int buffered() {
        return ready.size();
    }

    /**
     * Stops reading and puts what was read but not taken back on its streams ({@link DeliveryQueue#requeue}), so
     * other workers can take it at once.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : readers.values()) {
            thread.interrupt(); // ends a wait for room; a blocking read ends within BLOCK_MILLIS
        }
        for (Thread thread : readers.values()) {
            thread.join(BLOCK_MILLIS + 5_000L);
        }
        List<QueueEntry> left = new ArrayList<>();
        ready.drainTo(left);
        if (!left.isEmpty()) {
            try {
                queue.requeue(left);
            } catch (RuntimeException e) {
                LOG.warn(
                        "could not hand back {} unclaimed queue entries; they are reclaimed after the lease: {}",
                        left.size(),
                        e.toString());
            }
        }
    }

    private void startRetiredReaders() {
        List<DeliveryQueue.Shard> retired = queue.retiredShards();
        if (retired == retiredSeen || !running) {
            return;
        }
        retiredSeen = retired;
        for (DeliveryQueue.Shard shard : retired) {
            startReader(shard);
        }
    }

    private void startReader(DeliveryQueue.Shard shard) {
        readers.compute(shard.tag(), (tag, existing) -> {
            if (existing != null && existing.isAlive()) {
                return existing;
            }
            Thread thread = new Thread(() -> readShard(shard), "queue-reader-" + tag);
            thread.setDaemon(true);
            thread.start();
            return thread;
        });
    }

    private void readShard(DeliveryQueue.Shard shard) {
        boolean retired = !queue.activeShards().contains(shard);
        long nextReclaim = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reclaimAfterMillis / 2);
        long backoffMillis = 100;
        int failures = 0;
        List<QueueEntry> inHand = new ArrayList<>();
        try {
            while (running) {
                try {
                    if (System.nanoTime() >= nextReclaim && reclaim(shard, inHand)) {
                        nextReclaim = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reclaimAfterMillis / 2);
                    }
                    // Idle: wait in Redis for one entry, holding no room.
                    inHand.addAll(queue.read(shard, consumer, 1, BLOCK_MILLIS));
                    if (inHand.isEmpty()) {
                        if (retired && queue.deleteIfEmpty(shard)) {
                            return;
                        }
                        continue;
                    }
                    // Busy: our turn, behind readers that came first; the first entry, then as many more as there
                    // is room for, without waiting.
                    int more;
                    turns.lockInterruptibly();
                    try {
                        room.acquire();
                        handOver(inHand);
                        more = takeRoom();
                    } finally {
                        turns.unlock();
                    }
                    readWithRoom(inHand, more, n -> queue.read(shard, consumer, n, -1));
                    if (failures > 0) {
                        LOG.info("queue shard {{}} readable again after {} failed reads", shard.tag(), failures);
                    }
                    failures = 0;
                    backoffMillis = 100;
                } catch (RuntimeException e) {
                    if (DeliveryQueue.isError(e, "NOGROUP")) {
                        if (!queue.recreateGroup(shard)) {
                            return; // a retired shard that is gone
                        }
                        continue;
                    }
                    if (running) {
                        // The first failure of a run is worth a warning; a failover or a restart makes many.
                        if (failures++ == 0) {
                            LOG.warn("reading queue shard {{}} failed, retrying: {}", shard.tag(), e.toString());
                        } else {
                            LOG.debug("reading queue shard {{}} failed again: {}", shard.tag(), e.toString());
                        }
                        Thread.sleep(backoffMillis);
                        backoffMillis = Math.min(backoffMillis * 2, 2_000);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ready.addAll(inHand); // stopping: close() hands them back
            readers.remove(shard.tag(), Thread.currentThread());
        }
    }

    /** Every half lease: this shard's entries that a dead consumer left unacknowledged. */
    private boolean reclaim(DeliveryQueue.Shard shard, List<QueueEntry> inHand) {
        // full: the worker is busy anyway; try again next round
        return readWithRoom(inHand, takeRoom(), n -> queue.claimAbandoned(shard, consumer, reclaimAfterMillis, n));
    }

    /**
     * Reads at most {@code permits} entries (room taken for them), hands them over and gives back the room they did
     * not fill, also when the read fails. Answers false if there was no room.
     */
    private boolean readWithRoom(
            List<QueueEntry> inHand, int permits, java.util.function.IntFunction<List<QueueEntry>> read) {
        if (permits == 0) {
            return false;
        }
        int filled = 0;
        try {
            List<QueueEntry> got = read.apply(permits);
            filled = got.size();
            inHand.addAll(got);
            handOver(inHand);
            return true;
        } finally {
            room.release(permits - filled);
        }
    }

    /** Moves entries whose room is taken from {@code inHand} to the buffer. */
    private void handOver(List<QueueEntry> inHand) {
        ready.addAll(inHand);
        inHand.clear();
    }

    /** Takes what room there is, up to a batch, without waiting; answers how much. */
    private int takeRoom() {
        int want = Math.min(batchSize, room.availablePermits());
        while (want > 0 && !room.tryAcquire(want)) {
            want = Math.min(want - 1, room.availablePermits());
        }
        return Math.max(want, 0);
    }
}
