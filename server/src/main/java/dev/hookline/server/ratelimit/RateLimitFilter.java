package dev.hookline.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hookline.core.security.ApiKeys;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.errors.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Requests per second per API key, as a token bucket per key: over it, a {@code 429 rate_limited} in the error body
 * with {@code Retry-After} (whole seconds, at least 1). Runs right after authentication, so only valid keys get a
 * bucket and an anonymous flood cannot fill the table; before anything reads the body.
 *
 * <p>Buckets are keyed by the key's SHA-256 (what the database stores anyway), never the key itself, and live in
 * this process only: with N API servers a key gets up to N times the rate. The operator's admin key has its own
 * setting and is unlimited by default, so an operator can always reach the API to stop an abusive tenant.
 */
@Priority(Priorities.AUTHENTICATION + 1)
public final class RateLimitFilter implements ContainerRequestFilter {
    /** Buckets of keys idle this long are dropped: a full bucket is what a new one starts as anyway. */
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final int perKeyPerSecond;
    private final int perKeyBurst;
    private final int adminPerSecond;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(IDLE).maximumSize(1_000_000).build();

    /**
     * @param perKeyPerSecond steady rate of one tenant key; 0 turns the limit off
     * @param perKeyBurst     requests a rested tenant key may make at once
     * @param adminPerSecond  steady rate (and burst) of the admin key; 0 leaves it unlimited
     */
    public RateLimitFilter(int perKeyPerSecond, int perKeyBurst, int adminPerSecond, LongSupplier nanoTime) {
        this.perKeyPerSecond = perKeyPerSecond;
        this.perKeyBurst = Math.max(1, perKeyBurst);
        this.adminPerSecond = adminPerSecond;
        this.nanoTime = nanoTime;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
            return; // public resources (the OpenAPI document); unauthenticated calls ended with a 401 already
        }
        int perSecond = caller.admin() ? adminPerSecond : perKeyPerSecond;
        if (perSecond <= 0) {
            return;
        }
        int burst = caller.admin() ? adminPerSecond : perKeyBurst;
        String token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        String bucketKey = caller.admin() ? "admin" : HexFormat.of().formatHex(ApiKeys.hash(token));
        long now = nanoTime.getAsLong();
        long waitNanos = buckets.get(bucketKey, k -> new TokenBucket(perSecond, burst, now)).tryTake(now);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            request.abortWith(ErrorResponses.builder(429, "rate_limited",
                    "too many requests for this API key: at most " + perSecond + " per second, retry after "
                            + seconds + " s", List.of())
                    .header("Retry-After", Long.toString(seconds)).build());
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return "";
        }
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(space + 1).trim();
    }
}
