package dev.hookline.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hookline.core.ratelimit.TokenBucket;
import dev.hookline.core.security.ApiKeys;
import dev.hookline.server.auth.Caller;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Requests per second per API key, as a {@link TokenBucket} per key (full when it is made, guarded by its own
 * monitor since requests of one key run on many threads). One instance serves every door a request can come in
 * by ({@link RateLimitFilter} for Jersey, the messages' send filter), so a key has one budget.
 *
 * <p>Buckets are keyed by the key's SHA-256 (what the database stores anyway), never the key itself, and live in
 * this process only: with N API servers a key gets up to N times the rate. The operator's admin key has its own
 * setting and is unlimited by default, so an operator can always reach the API to stop an abusive tenant.
 */
public final class RateLimiter {
    /** Buckets of keys idle this long are dropped: a full bucket is what a new one starts as anyway. */
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final int perKeyPerSecond;
    private final int perKeyBurst;
    private final int adminPerSecond;
    private final LongSupplier nanoTime;
    private final Cache<Object, TokenBucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(1_000_000).build();

    /**
     * @param perKeyPerSecond steady rate of one tenant key; 0 turns the limit off
     * @param perKeyBurst     requests a rested tenant key may make at once
     * @param adminPerSecond  steady rate (and burst) of the admin key; 0 leaves it unlimited
     */
    public RateLimiter(int perKeyPerSecond, int perKeyBurst, int adminPerSecond, LongSupplier nanoTime) {
        this.perKeyPerSecond = perKeyPerSecond;
        this.perKeyBurst = Math.max(1, perKeyBurst);
        this.adminPerSecond = adminPerSecond;
        this.nanoTime = nanoTime;
    }

    /** The steady rate that applies to {@code caller}; 0 when unlimited. */
    public int perSecond(Caller caller) {
        return caller.admin() ? adminPerSecond : perKeyPerSecond;
    }

    /**
     * Takes a token for one request of {@code caller}, who authenticated with {@code apiKey}: 0 when the request may
     * go ahead, else how long until it could (nothing is taken then).
     */
    public long tryTake(Caller caller, String apiKey) {
        int perSecond = perSecond(caller);
        if (perSecond <= 0) {
            return 0;
        }
        int burst = caller.admin() ? adminPerSecond : perKeyBurst;
        Object bucketKey = caller.admin() ? "admin" : ByteBuffer.wrap(ApiKeys.hash(apiKey));
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.get(bucketKey, k -> TokenBucket.full(perSecond, burst, now));
        synchronized (bucket) {
            return bucket.tryTake(now);
        }
    }
}
