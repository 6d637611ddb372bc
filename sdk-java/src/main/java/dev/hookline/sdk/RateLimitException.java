package dev.hookline.sdk;

import java.time.Duration;

/**
 * 429: too many requests. Thrown only after the client's own retries, which honour {@link #retryAfter()}, ran out.
 *
 * <pre>{@code
 * catch (RateLimitException e) {
 *     scheduleLater(e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class RateLimitException extends HooklineException {
    public RateLimitException(
            int statusCode, String errorCode, String errorMessage, String requestId, Duration retryAfter) {
        super(statusCode, errorCode, errorMessage, requestId, retryAfter, null);
    }
}
