package dev.hookline.core.ratelimit;

/**
 * A token bucket: {@code perSecond} tokens flow in, up to {@code burst}; each request takes one. Time comes in as
 * nanoseconds ({@link System#nanoTime()}, or a test's clock). Not thread-safe: a bucket shared between threads is
 * guarded by its owner's lock, so an owner that holds a lock already (the worker's endpoint gate) pays for no
 * second one.
 */
public final class TokenBucket {
    private double perSecond;
    private double burst;
    private double tokens;
    private long refilledAt;

    /**
     * @param tokens what the bucket holds at {@code nowNanos}: {@code burst} for a full one, 1 for one that lets only
     *     the first request through at once
     */
    public TokenBucket(double perSecond, double burst, double tokens, long nowNanos) {
        requireValid(perSecond, burst);
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = Math.min(tokens, burst);
        this.refilledAt = nowNanos;
    }

    /** A full bucket. */
    public static TokenBucket full(double perSecond, double burst, long nowNanos) {
        return new TokenBucket(perSecond, burst, burst, nowNanos);
    }

    /** Takes a token and answers 0, or takes nothing and answers the nanoseconds until one is there. */
    public long tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - refilledAt) / 1e9 * perSecond);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }

    /**
     * A new rate and burst from the next {@link #tryTake} on; the bucket keeps the tokens it holds, up to the new
     * burst.
     */
    public void limit(double perSecond, double burst) {
        requireValid(perSecond, burst);
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = Math.min(tokens, burst);
    }

    private static void requireValid(double perSecond, double burst) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
        }
    }
}
