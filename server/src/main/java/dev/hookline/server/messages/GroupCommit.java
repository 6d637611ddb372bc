package dev.hookline.server.messages;

import dev.hookline.server.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit for requests that each write a little: callers hand their item to a few writer threads, which take
 * whatever is waiting (up to {@code maxGroup}) and write it in one transaction. A lone item is written at once (no
 * timer); under load a transaction carries many, which is what lets single-message ingest keep up with
 * PostgreSQL's per-transaction cost. A group that fails is written again item by item, so one bad item never fails
 * another. The queue is bounded; a caller that finds it full for seconds gets a 503.
 */
final class GroupCommit<T, R> implements AutoCloseable {
    private static final int QUEUE_CAPACITY = 10_000;

    private record Entry<T, R>(T item, CompletableFuture<R> result) {}

    private final int maxGroup;
    private final Function<List<T>, List<R>> writeGroup;
    private final BlockingQueue<Entry<T, R>> waiting = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean open = true;

    /** @param writeGroup writes the items, all or none (one statement or transaction), and answers one result per item, in order */
    GroupCommit(String name, int maxGroup, int writerCount, Function<List<T>, List<R>> writeGroup) {
        this.maxGroup = maxGroup;
        this.writeGroup = Objects.requireNonNull(writeGroup, "writeGroup == null");
        for (int i = 0; i < writerCount; i++) {
            Thread writer = new Thread(this::writeLoop, name + "-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Writes {@code item} (alone or with others) and answers its result; throws what writing it alone threw. */
    R submit(T item) {
        Entry<T, R> entry = new Entry<>(item, new CompletableFuture<>());
        try {
            if (!open || !waiting.offer(entry, 5, TimeUnit.SECONDS)) {
                throw ApiException.unavailable("too many messages waiting to be stored; retry shortly");
            }
            return entry.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a group commit", e);
        }
    }

    private void writeLoop() {
        List<Entry<T, R>> group = new ArrayList<>(maxGroup);
        while (open || !waiting.isEmpty()) {
            try {
                Entry<T, R> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.forEach(e -> e.result().completeExceptionally(new IllegalStateException("not written")));
                group.clear();
            }
        }
    }

    private void write(List<Entry<T, R>> group) {
        try {
            List<R> results = writeGroup.apply(group.stream().map(Entry::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | AssertionError failure) {
            // The JDBC driver throws an AssertionError from executeBatch when the connection dies mid-batch (a
            // PostgreSQL outage); escaping, it would end this writer thread and fail its callers with a 500.
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(failure);
                return;
            }
            for (Entry<T, R> e : group) {
                try {
                    e.result().complete(writeGroup.apply(List.of(e.item())).get(0));
                } catch (RuntimeException | AssertionError alone) {
                    e.result().completeExceptionally(alone);
                }
            }
        }
    }

    /** Takes no more items, writes those already waiting, and stops the writers. */
    @Override
    public void close() throws InterruptedException {
        open = false;
        for (Thread writer : writers) {
            writer.join(10_000);
        }
    }
}
