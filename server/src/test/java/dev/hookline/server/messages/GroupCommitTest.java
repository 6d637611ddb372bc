package dev.hookline.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.server.errors.ApiException;
import dev.hookline.server.errors.CatchAllExceptionMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void concurrentCallersShareGroupsAndEachGetsItsOwnResult() throws Exception {
        // given a writer that is slow, as a transaction is, and records the size of every group
        List<Integer> groups = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, String> commit = new GroupCommit<>("test", 100, 1, items -> {
            groups.add(items.size());
            sleep(20);
            return items.stream().map(i -> "done " + i).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            // when 32 callers submit at once
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int item = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return commit.submit(item);
                }));
            }
            start.countDown();

            // then each gets its own answer, and far fewer groups than callers were written
            for (int i = 0; i < 32; i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("done " + i);
            }
            assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(32);
            assertThat(groups.size()).isLessThan(16);
        } finally {
            pool.shutdownNow();
            commit.close();
        }
    }

    @Test
    void manyCallersWithAQueueLongerThanAGroupAreAllAnsweredAndWritersNeverExceedTheirLimit() throws Exception {
        // given groups of at most 3 and 2 writers, with a writer that tracks how many run together
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 3, 2, items -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            written.addAndGet(items.size());
            running.decrementAndGet();
            return items.stream().map(i -> -i).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            // when 48 callers submit 500 items each, as fast as they can
            List<Future<Boolean>> callers = new ArrayList<>();
            for (int c = 0; c < 48; c++) {
                int base = c * 1_000;
                callers.add(pool.submit(() -> {
                    for (int i = base; i < base + 500; i++) {
                        if (commit.submit(i) != -i) {
                            return false;
                        }
                    }
                    return true;
                }));
            }

            // then every caller got its own answer to every item, each item was written once, and never more than
            // 2 groups were written at the same time
            for (Future<Boolean> caller : callers) {
                assertThat(caller.get(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(written.get()).isEqualTo(48 * 500);
            assertThat(mostAtOnce.get()).isBetween(1, 2);
        } finally {
            pool.shutdownNow();
            commit.close();
        }
    }

    @Test
    void afterCloseASubmitIsRefusedAsUnavailable() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 100, 1, items -> items);
        commit.close();

        assertThatThrownBy(() -> commit.submit(1))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aFailingItemFailsAloneAndTheRestOfItsGroupIsWrittenWithoutIt() throws Exception {
        // given a writer that refuses item 13 (the whole group's transaction fails with it)
        List<List<Integer>> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 100, 1, items -> {
            sleep(5);
            if (items.contains(13)) {
                throw new IllegalArgumentException("13 is refused");
            }
            written.add(items);
            return items;
        });
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            // when 20 callers submit at once
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int item = i;
                results.add(pool.submit(() -> commit.submit(item)));
            }

            // then 13 gets the failure, every other item is written exactly once
            for (int i = 0; i < 20; i++) {
                Future<Integer> result = results.get(i);
                if (i == 13) {
                    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                            .hasCauseInstanceOf(IllegalArgumentException.class);
                } else {
                    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(i);
                }
            }
            assertThat(written.stream().flatMap(List::stream).sorted().toList())
                    .containsExactlyElementsOf(
                            IntStream.range(0, 20).filter(i -> i != 13).boxed().toList());
        } finally {
            pool.shutdownNow();
            commit.close();
        }
    }

    @Test
    void anAssertionErrorFromTheDriverFailsItsCallerAndTheWriterGoesOn() throws Exception {
        // given a single writer whose first transaction dies the way pgjdbc's executeBatch does when the
        // connection drops mid-batch: an AssertionError, caused by the "connection has been closed" SQLException
        AtomicBoolean first = new AtomicBoolean(true);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 100, 1, items -> {
            if (first.getAndSet(false)) {
                AssertionError driver = new AssertionError("getAutoCommit() should not throw");
                driver.addSuppressed(new java.sql.SQLException("This connection has been closed.", "08003"));
                throw driver;
            }
            return items;
        });
        try {
            // when one item fails that way and another follows
            assertThatThrownBy(() -> commit.submit(1))
                    .hasRootCauseInstanceOf(AssertionError.class)
                    .satisfies(e -> assertThat(
                                    new CatchAllExceptionMapper().toResponse(e).getStatus())
                            .isEqualTo(503));

            // then the failure reached its caller as an outage (the API answers 503) and the same writer
            // thread, still alive, writes the next item
            assertThat(commit.submit(2)).isEqualTo(2);
        } finally {
            commit.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
