package dev.hookline.bench.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed-size, lock-free store of latencies in nanoseconds: bounded memory however long a scenario runs. */
public final class LatencyRecorder {
    private final long[] values;
    private final AtomicInteger count = new AtomicInteger();

    public LatencyRecorder(int capacity) {
        this.values = new long[capacity];
    }

    public void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < values.length) {
            values[i] = nanos;
        }
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
