package dev.hookline.sdk.internal;

import dev.hookline.sdk.ConnectionException;
import dev.hookline.sdk.HooklineException;
import dev.hookline.sdk.RateLimitException;
import dev.hookline.sdk.ServerException;
import feign.FeignException;
import feign.RetryableException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one logical API call, retrying connection failures, 429 and 5xx with exponential backoff and jitter.
 * Retries live here rather than in a Feign {@code Retryer} so that a POST's {@code Idempotency-Key} is chosen once,
 * before the first attempt, and every retry provably sends the same one. Internal.
 */
public final class Retrier {
    static final Duration INITIAL_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    /** A Retry-After longer than this is cut short: an SDK call should not block a thread for minutes. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private final int maxRetries;
    private final Sleeper sleeper;

    public Retrier(int maxRetries, Sleeper sleeper) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    }

    /** A POST: {@code call} receives the idempotency key, the caller's or a fresh random one, the same on every try. */
    public <T> T post(String idempotencyKey, Function<String, T> call) {
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        return call(() -> call.apply(key));
    }

    /** Any call; GET, PATCH and DELETE are idempotent by contract, so they retry without a key. */
    public <T> T call(Supplier<T> call) {
        for (int retry = 0; ; retry++) {
            HooklineException failure;
            try {
                return call.get();
            } catch (RateLimitException | ServerException e) {
                failure = e;
            } catch (RetryableException e) { // Feign's wrapper of an IOException: no answer arrived
                failure = new ConnectionException(e.getMessage(), e.getCause() != null ? e.getCause() : e);
            } catch (FeignException e) { // unreadable 2xx body or unencodable request: retrying won't help
                throw new HooklineException(
                        e.status() > 0 ? e.status() : 0, "invalid_response", e.getMessage(), null, e);
            }
            if (retry >= maxRetries) {
                throw failure;
            }
            try {
                sleeper.sleep(delay(retry, failure.retryAfter()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /** The wait before retry number {@code retry} (0-based): Retry-After when given, else 500 ms doubling to 5 s, minus up to 25 % jitter. */
    static Duration delay(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        long base = Math.min(MAX_DELAY.toMillis(), INITIAL_DELAY.toMillis() << Math.min(retry, 20));
        // Jitter spreads the retries of many clients that failed together so they don't hit the server in lockstep.
        long jitter = (long) (base * 0.25 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(base - jitter);
    }
}
