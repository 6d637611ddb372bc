package dev.hookline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAccountTest {

    @Test
    void threadsAreGroupedByTheNamesTheKernelKeeps() {
        assertThat(CpuAccount.threadGroup("C2 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(CpuAccount.threadGroup("C1 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(CpuAccount.threadGroup("webhook-client-")).isEqualTo("worker HTTP client");
        assertThat(CpuAccount.threadGroup("delivery-consum")).isEqualTo("worker consumer, recorder");
        assertThat(CpuAccount.threadGroup("attempt-recorde")).isEqualTo("worker consumer, recorder");
        assertThat(CpuAccount.threadGroup("queue-reader-q3")).isEqualTo("worker queue readers");
        assertThat(CpuAccount.threadGroup("dw-57 - POST /v")).isEqualTo("API");
        assertThat(CpuAccount.threadGroup("ingest-writer-1")).isEqualTo("API");
        assertThat(CpuAccount.threadGroup("GC Thread#0")).isEqualTo("GC");
        assertThat(CpuAccount.threadGroup("G1 Conc#0")).isEqualTo("GC");
        assertThat(CpuAccount.threadGroup("main")).isEqualTo("other threads");
    }

    @Test
    void theBenchmarksThreadsAreGroupedAsLoadReceiverOrOther() {
        assertThat(CpuAccount.benchmarkThreadGroup("bench-load-42")).isEqualTo("load");
        assertThat(CpuAccount.benchmarkThreadGroup("main")).isEqualTo("load");
        assertThat(CpuAccount.benchmarkThreadGroup("bench-receiver-")).isEqualTo("receiver");
        assertThat(CpuAccount.benchmarkThreadGroup("C2 CompilerThre")).isEqualTo("other threads");
    }

    @Test
    void cpuBurntInThisJvmShowsUpAsThePlatformsThreadsOrAsTheBenchmark() {
        assumeTrue(CpuAccount.available(), "needs Linux /proc");
        long self = ProcessHandle.current().pid();

        // as the benchmark's own process
        CpuAccount asBenchmark = new CpuAccount(0);
        CpuAccount.Snapshot before = asBenchmark.take();
        burn(300);
        Map<String, Double> seconds = CpuAccount.secondsBetween(before, asBenchmark.take());
        assertThat(seconds.get("benchmark JVM (receiver, load)")).isGreaterThanOrEqualTo(0.25);

        // and, named as the platform, by thread: the burning thread here is "main"
        CpuAccount asPlatform = new CpuAccount(self);
        before = asPlatform.take();
        burn(300);
        seconds = CpuAccount.secondsBetween(before, asPlatform.take());
        assertThat(seconds.get("platform: other threads")).isGreaterThanOrEqualTo(0.25);
        assertThat(seconds).doesNotContainKey("benchmark JVM (receiver, load)");
    }

    @Test
    void ticksAreSubtractedPerProcessSoOneThatEndsDoesNotTakeItsGroupWithIt() {
        // a long-lived backend that exits inside the window, one that works on, and one that starts
        CpuAccount.Snapshot before = new CpuAccount.Snapshot(0, Map.of("PostgreSQL#1", 5_000L, "PostgreSQL#2", 100L));
        CpuAccount.Snapshot after =
                new CpuAccount.Snapshot(1, Map.of("PostgreSQL#2", 300L, "PostgreSQL#3", 50L, "Redis#9", 7L));

        Map<String, Double> seconds = CpuAccount.secondsBetween(before, after);

        assertThat(seconds).containsExactly(Map.entry("PostgreSQL", 2.5), Map.entry("Redis", 0.07));
    }

    /** Spends {@code millis} of this thread's CPU time (not wall time, which a busy machine would stretch). */
    private static void burn(long millis) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        assertThat(x).isNotNegative();
    }
}
