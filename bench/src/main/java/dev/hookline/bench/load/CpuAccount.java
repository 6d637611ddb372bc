package dev.hookline.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the whole machine's CPU went during a scenario: user + system time of every process in {@code /proc}, and of
 * each of the platform's threads, read before and after. A sampling profiler sees one JVM; this also sees
 * PostgreSQL, Redis and the benchmark's own JVM (receiver and load), which share the cores with the platform.
 * Processes that start and end inside the window are missed (a psql or two). Linux only: elsewhere it is empty.
 */
public final class CpuAccount {
    /** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Path PROC = Path.of("/proc");

    /**
     * CPU ticks at one moment, by group and process or thread ({@code "PostgreSQL#1234"}): differences are taken per
     * process, since one that exits inside the window takes its whole lifetime's ticks out of its group's sum.
     */
    public record Snapshot(long nanos, Map<String, Long> ticks) {}

    private final long platformPid;
    private final java.util.Set<Long> workerPids;
    private final boolean benchmarkByThread;
    private final long selfPid = ProcessHandle.current().pid();

    /** {@code platformPid} 0 when unknown: the platform's time then falls under other processes. */
    public CpuAccount(long platformPid) {
        this(platformPid, java.util.Set.of());
    }

    /** With worker processes beside the platform, counted as one group ({@code bench/run.sh --workers=N}). */
    public CpuAccount(long platformPid, java.util.Set<Long> workerPids) {
        this(platformPid, workerPids, false);
    }

    private CpuAccount(long platformPid, java.util.Set<Long> workerPids, boolean benchmarkByThread) {
        this.platformPid = platformPid;
        this.workerPids = java.util.Set.copyOf(workerPids);
        this.benchmarkByThread = benchmarkByThread;
    }

    /**
     * The same account with the benchmark's own JVM split by thread into {@code benchmark: load}, {@code benchmark:
     * receiver} and {@code benchmark: other threads}, so the receiver's share can be told from the load's.
     */
    public CpuAccount benchmarkByThread() {
        return new CpuAccount(platformPid, workerPids, true);
    }

    public static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    public Snapshot take() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        if (!available()) {
            return new Snapshot(System.nanoTime(), ticks);
        }
        try (DirectoryStream<Path> processes =
                Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == platformPid) {
                    addThreads(process, ticks);
                    continue;
                }
                if (pid == selfPid && benchmarkByThread) {
                    addBenchmarkThreads(process, ticks);
                    continue;
                }
                Stat stat = stat(process.resolve("stat"));
                if (stat != null) {
                    ticks.put(processGroup(pid, stat.name()) + "#" + pid, stat.ticks());
                }
            }
        } catch (IOException e) {
            ticks.clear();
        }
        return new Snapshot(System.nanoTime(), ticks);
    }

    /**
     * CPU seconds per group between two snapshots, largest first. A process or thread seen only after counts in
     * full; one that ended inside the window is missed.
     */
    public static Map<String, Double> secondsBetween(Snapshot before, Snapshot after) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        after.ticks().forEach((key, value) -> {
            long delta = value - before.ticks().getOrDefault(key, 0L);
            ticks.merge(key.substring(0, key.lastIndexOf('#')), Math.max(0, delta), Long::sum);
        });
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), e.getValue() / TICKS_PER_SECOND));
        return seconds;
    }

    private String processGroup(long pid, String name) {
        if (pid == selfPid) {
            return "benchmark JVM (receiver, load)";
        }
        if (workerPids.contains(pid)) {
            return "worker processes";
        }
        if (name.startsWith("postgres")) { // the server and one backend per connection
            return "PostgreSQL";
        }
        if (name.startsWith("redis")) {
            return "Redis";
        }
        return "other processes";
    }

    private static void addThreads(Path process, Map<String, Long> ticks) throws IOException {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                Stat stat = stat(thread.resolve("stat"));
                if (stat != null) {
                    ticks.put("platform: " + threadGroup(stat.name()) + "#" + thread.getFileName(), stat.ticks());
                }
            }
        }
    }

    private static void addBenchmarkThreads(Path process, Map<String, Long> ticks) throws IOException {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                Stat stat = stat(thread.resolve("stat"));
                if (stat != null) {
                    ticks.put(
                            "benchmark: " + benchmarkThreadGroup(stat.name()) + "#" + thread.getFileName(),
                            stat.ticks());
                }
            }
        }
    }

    /**
     * The benchmark JVM's threads: the load clients' (their pool, and {@code main}, which schedules and builds the
     * requests), the receiver's pool, and the rest (JIT, GC).
     */
    static String benchmarkThreadGroup(String name) {
        if (name.startsWith("bench-load") || name.equals("main")) {
            return "load";
        }
        if (name.startsWith("bench-receiver")) {
            return "receiver";
        }
        return "other threads";
    }

    /** Thread names as the kernel keeps them (15 characters). */
    static String threadGroup(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("webhook-client")) {
            return "worker HTTP client";
        }
        if (name.startsWith("delivery-consum") || name.startsWith("attempt-record") || name.startsWith("worker-")) {
            return "worker consumer, recorder";
        }
        if (name.startsWith("queue-reader")) {
            return "worker queue readers";
        }
        if (name.startsWith("dw") || name.startsWith("ingest-writer")) {
            return "API";
        }
        return "other threads";
    }

    private record Stat(String name, long ticks) {}

    private static Stat stat(Path file) {
        try {
            String line = Files.readString(file, StandardCharsets.US_ASCII);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String[] fields = line.substring(close + 2).split(" ");
            // after the name: state is field 3, so utime (14) and stime (15) are at 11 and 12
            return new Stat(line.substring(open + 1, close), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException gone) { // the process or thread ended between listing and reading
            return null;
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
