package dev.hookline.sdk;

import java.time.Duration;

/**
 * 5xx: Hookline failed. Thrown only after the client's retries ran out; with an {@code Idempotency-Key} (every POST
 * carries one) it is safe to try the same call again later.
 *
 * <pre>{@code
 * catch (ServerException e) {
 *     log.error("Hookline unavailable, request {}", e.requestId(), e);
 * }
 * }</pre>
 */
public final class ServerException extends HooklineException {
    public ServerException(
            int statusCode, String errorCode, String errorMessage, String requestId, Duration retryAfter) {
        super(statusCode, errorCode, errorMessage, requestId, retryAfter, null);
    }
}
