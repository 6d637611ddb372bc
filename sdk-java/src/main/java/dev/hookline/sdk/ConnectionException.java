package dev.hookline.sdk;

/**
 * No answer arrived: the connection was refused or reset, DNS failed, or a timeout expired. {@link #statusCode()} is 0.
 * For a POST the server may still have acted on the request; sending it again with the same
 * {@link RequestOptions#idempotencyKey() Idempotency-Key} is safe.
 *
 * <pre>{@code
 * catch (ConnectionException e) {
 *     log.warn("Hookline unreachable: {}", e.getMessage());
 * }
 * }</pre>
 */
public final class ConnectionException extends HooklineException {
    public ConnectionException(String message, Throwable cause) {
        super(0, "connection_failed", message, null, null, cause);
    }
}
