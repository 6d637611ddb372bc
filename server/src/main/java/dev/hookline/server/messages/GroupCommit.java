package dev.hookline.server.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Group commit for requests that each write a little: items of concurrent callers are written together, one
 * transaction per group, by whichever caller gets one of the few writer permits first; the others wait for their
 * own result. A lone caller writes its item at once (no timer, no added latency); under load a transaction carries
 * many items, which is what lets single-message ingest keep up with PostgreSQL's per-transaction cost. A group that
 * fails is written again item by item, so one bad item never fails another. The queue holds only items whose
 * callers are blocked waiting, so it is bounded by the request threads.
 */
final class GroupCommit<T, R> {
    private record Entry<T, R>(T item, CompletableFuture<R> result) {
    }

    private final int maxGroup;
    private final Semaphore writers;
    private final Function<List<T>, List<R>> writeGroup;
    private final ConcurrentLinkedQueue<Entry<T, R>> waiting = new ConcurrentLinkedQueue<>();

    /** @param writeGroup writes the items in one transaction and answers one result per item, in order */
    GroupCommit(int maxGroup, int maxWriters, Function<List<T>, List<R>> writeGroup) {
        this.maxGroup = maxGroup;
        this.writers = new Semaphore(maxWriters);
        this.writeGroup = Objects.requireNonNull(writeGroup, "writeGroup == null");
    }

    /** Writes {@code item} (alone or with others) and answers its result; throws what writing it alone threw. */
    R submit(T item) {
        Entry<T, R> entry = new Entry<>(item, new CompletableFuture<>());
        waiting.add(entry);
        try {
            while (!entry.result().isDone()) {
                if (writers.tryAcquire()) {
                    try {
                        writeWaiting();
                    } finally {
                        writers.release();
                    }
                } else {
                    try {
                        entry.result().get(1, TimeUnit.MILLISECONDS); // a writer may take ours meanwhile
                    } catch (TimeoutException stillWaiting) {
                        // try for a permit again
                    }
                }
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

    private void writeWaiting() {
        List<Entry<T, R>> group = new ArrayList<>();
        for (Entry<T, R> next; group.size() < maxGroup && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            List<R> results = writeGroup.apply(group.stream().map(Entry::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException failure) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(failure);
                return;
            }
            for (Entry<T, R> e : group) {
                try {
                    e.result().complete(writeGroup.apply(List.of(e.item())).get(0));
                } catch (RuntimeException alone) {
                    e.result().completeExceptionally(alone);
                }
            }
        }
    }
}
