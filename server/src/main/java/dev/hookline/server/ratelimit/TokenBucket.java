package dev.hookline.server.ratelimit;

/**
 * A token bucket: {@code perSecond} tokens flow in up to {@code burst}; each request takes one. Time comes in as
 * nanoseconds so tests can drive it. The worker's {@code EndpointGate} has its own bucket inside its per-endpoint
 * lanes; the two are kept apart because that one queues work while this one only says yes or when.
 */
final class TokenBucket {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, double burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes a token and answers 0, or takes nothing and answers the nanoseconds until one is there. */
    synchronized long tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - refilledAt) / 1e9 * perSecond);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }
}
