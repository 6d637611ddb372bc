package dev.hookline.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed-size, lock-free store of latencies in nanoseconds: bounded memory however long a scenario runs. */
public final class LatencyRecorder {
    private final long[] values;
    private final long[] recordedAt;
    private final AtomicInteger count = new AtomicInteger();

    public LatencyRecorder(int capacity) {
        this.values = new long[capacity];
        this.recordedAt = new long[capacity];
    }

    public void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < values.length) {
            values[i] = nanos;
            recordedAt[i] = System.nanoTime();
        }
    }

    /** One second of the recording: how many latencies ended in it, their median and their maximum. */
    public record Second(int second, int count, double p50Millis, double maxMillis) {}

    /**
     * Latencies by the second they ended in, counted from {@code originNanos} ({@link System#nanoTime}): where a
     * tail comes from, a steady spread or a few stalls, and when, to set beside the GC logs.
     */
    public List<Second> bySecond(long originNanos) {
        int n = count();
        Map<Integer, List<Long>> seconds = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int second = (int) Math.max(0, (recordedAt[i] - originNanos) / 1_000_000_000L);
            seconds.computeIfAbsent(second, k -> new ArrayList<>()).add(values[i]);
        }
        List<Second> out = new ArrayList<>();
        seconds.forEach((second, list) -> {
            list.sort(null);
            out.add(new Second(
                    second, list.size(), list.get((list.size() - 1) / 2) / 1e6, list.get(list.size() - 1) / 1e6));
        });
        return out;
    }

    public int count() {
        return Math.min(count.get(), values.length);
    }

    /** Percentiles in milliseconds, e.g. {@code percentilesMillis(50, 99, 99.9)}. */
    public double[] percentilesMillis(double... percentiles) {
        long[] sorted = Arrays.copyOf(values, count());
        Arrays.sort(sorted);
        double[] out = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            if (sorted.length == 0) {
                out[i] = Double.NaN;
                continue;
            }
            int rank = (int) Math.ceil(percentiles[i] / 100.0 * sorted.length) - 1;
            out[i] = sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
        }
        return out;
    }
}
