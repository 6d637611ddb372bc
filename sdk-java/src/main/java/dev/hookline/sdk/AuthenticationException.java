package dev.hookline.sdk;

/**
 * 401: the API key is missing, malformed, revoked or unknown. Retrying will not help.
 *
 * <pre>{@code
 * } catch (AuthenticationException e) {
 *     throw new IllegalStateException("check HOOKLINE_API_KEY", e);
 * }</pre>
 */
public final class AuthenticationException extends HooklineException {
    public AuthenticationException(int statusCode, String errorCode, String errorMessage, String requestId) {
        super(statusCode, errorCode, errorMessage, requestId);
    }
}
