package dev.hookline.worker.delivery;

import dev.hookline.worker.delivery.AttemptResult.ErrorClass;
import java.util.concurrent.TimeUnit;

/**
 * How many requests one endpoint may have in flight, learnt from its answers as TCP learns a window (AIMD).
 * <ul>
 *   <li>It starts at {@value #INITIAL} (or the ceiling, if lower).
 *   <li>It grows by one for every limit's worth of fast answers, about one per round trip, but only while the lane
 *       uses at least half of it: a lane that never fills its limit has taught nothing about a larger one.
 *   <li>It is cut to half on an overload ({@code 429}, {@code 5xx}, a timeout, a refused or broken connection) and
 *       to {@value #SLOW_BACKOFF} of itself on a slow answer, at most once per round trip: answers to requests sent
 *       before the last cut say nothing about the limit that cut made. It never falls below 1.
 *   <li>An answer is slow when it took longer than twice the lane's baseline (the fastest answer of the last 10 to
 *       20 s) plus {@value #SLOW_FLOOR_MS} ms. The floor keeps the noise of a busy worker from passing for
 *       congestion: on the 2-core test machine a loaded worker adds up to 10–20 ms to an answer of a receiver that
 *       needs 1 ms; and 20 ms of room still lets one lane carry 5,000 requests/s with 100 in flight.
 *   <li>It never exceeds the ceiling, which may change with any job (the endpoint's {@code maxInFlight}).
 * </ul>
 * Other outcomes (a {@code 2xx} to {@code 4xx} answer; no request at all: DNS, TLS, SSRF guard, signing) are latency
 * samples, or nothing. Time comes in as {@link System#nanoTime()} readings, so the behaviour is deterministic.
 * Not thread-safe: the {@link EndpointGate} calls it under its own lock.
 */
public final class AdaptiveLimit {
    public static final int INITIAL = 20;
    static final double OVERLOAD_BACKOFF = 0.5;
    static final double SLOW_BACKOFF = 0.8;
    static final long SLOW_FLOOR_MS = 20;
    private static final long SLOW_FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(SLOW_FLOOR_MS);
    private static final long BASELINE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What an attempt's outcome says about the endpoint's capacity. */
    public enum Signal {
        /** An HTTP answer that is not an overload: its latency counts. */
        ANSWERED,
        /** {@code 429}, {@code 5xx}, a timeout, a refused or broken connection. */
        OVERLOADED,
        /** Nothing about capacity: no request was made, or it failed before reaching the receiver's service. */
        NONE
    }

    private int ceiling;
    private int limit;
    private int fastAnswers; // since the limit last changed
    private long lastCutNanos;
    private boolean everCut;
    private long windowStartNanos;
    private boolean windowStarted;
    private long currentMinNanos = Long.MAX_VALUE;
    private long previousMinNanos = Long.MAX_VALUE;

    /** @param ceiling the most it may ever be, at least 1 */
    public AdaptiveLimit(int ceiling) {
        this.ceiling = requirePositive(ceiling);
        this.limit = Math.min(INITIAL, ceiling);
    }

    /** The current limit, 1 to the ceiling. */
    public int limit() {
        return limit;
    }

    public int ceiling() {
        return ceiling;
    }

    /** Sets the ceiling; the limit comes down to it at once, and may grow to it later. */
    public void ceiling(int ceiling) {
        this.ceiling = requirePositive(ceiling);
        limit = Math.min(limit, ceiling);
    }

    /**
     * One finished attempt: sent at {@code startNanos}, over at {@code endNanos}, with {@code inFlight} requests of
     * the lane in flight when it finished (itself included).
     */
    public void onSample(Signal signal, long startNanos, long endNanos, int inFlight) {
        if (signal == Signal.NONE) {
            return;
        }
        if (signal == Signal.OVERLOADED) {
            cut(OVERLOAD_BACKOFF, startNanos, endNanos);
            return;
        }
        long rtt = Math.max(0, endNanos - startNanos);
        long baseline = baseline(rtt, endNanos);
        if (rtt > 2 * baseline + SLOW_FLOOR_NANOS) {
            cut(SLOW_BACKOFF, startNanos, endNanos);
        } else if (!sentBeforeLastCut(startNanos) && inFlight * 2 >= limit && ++fastAnswers >= limit) {
            limit = Math.min(ceiling, limit + 1);
            fastAnswers = 0;
        }
    }

    /** The fastest answer of the current and the previous window of 10 s, {@code rtt} included. */
    private long baseline(long rtt, long now) {
        if (!windowStarted) {
            windowStarted = true;
            windowStartNanos = now;
        } else if (now - windowStartNanos >= BASELINE_WINDOW_NANOS) {
            // a window with no answer leaves nothing to remember
            previousMinNanos = now - windowStartNanos >= 2 * BASELINE_WINDOW_NANOS ? Long.MAX_VALUE : currentMinNanos;
            currentMinNanos = Long.MAX_VALUE;
            windowStartNanos = now;
        }
        currentMinNanos = Math.min(currentMinNanos, rtt);
        return Math.min(currentMinNanos, previousMinNanos);
    }

    private void cut(double factor, long startNanos, long endNanos) {
        if (sentBeforeLastCut(startNanos)) {
            return; // the last cut already answered for it
        }
        limit = Math.max(1, (int) (limit * factor));
        fastAnswers = 0;
        lastCutNanos = endNanos;
        everCut = true;
    }

    private boolean sentBeforeLastCut(long startNanos) {
        return everCut && startNanos - lastCutNanos < 0;
    }

    /** What {@code result} says about the endpoint's capacity; null (the attempt made no result) says nothing. */
    public static Signal signal(AttemptResult result) {
        if (result == null) {
            return Signal.NONE;
        }
        Integer status = result.statusCode();
        if (status != null) {
            return status == 429 || status >= 500 ? Signal.OVERLOADED : Signal.ANSWERED;
        }
        String error = result.error();
        if (error == null) {
            return Signal.NONE;
        }
        if (error.equals(ErrorClass.TIMEOUT)
                || error.equals(ErrorClass.CONNECTION_REFUSED)
                || error.startsWith(ErrorClass.IO + ":")) {
            return Signal.OVERLOADED;
        }
        return Signal.NONE; // dns, tls, ssrf_blocked, signing_failed: the receiver's load has nothing to do with it
    }

    private static int requirePositive(int ceiling) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("ceiling must be at least 1, not " + ceiling);
        }
        return ceiling;
    }
}
