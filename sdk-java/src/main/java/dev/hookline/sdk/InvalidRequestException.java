package dev.hookline.sdk;

/**
 * Any other 4xx that has no dedicated type, such as 403, 405, 413 (body too large) or 415.
 *
 * <pre>{@code
 * catch (InvalidRequestException e) {
 *     log.error("request rejected: {} {}", e.statusCode(), e.errorMessage());
 * }
 * }</pre>
 */
public final class InvalidRequestException extends HooklineException {
    public InvalidRequestException(int statusCode, String errorCode, String errorMessage, String requestId) {
        super(statusCode, errorCode, errorMessage, requestId);
    }
}
