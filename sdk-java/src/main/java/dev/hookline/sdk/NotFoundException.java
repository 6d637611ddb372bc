package dev.hookline.sdk;

/**
 * 404: the resource does not exist, or belongs to a tenant the API key cannot see (Hookline never answers 403 for that).
 *
 * <pre>{@code
 * Optional<Endpoint> find(String id) {
 *     try { return Optional.of(client.endpoints().get("tnt_1", id)); }
 *     catch (NotFoundException e) { return Optional.empty(); }
 * }
 * }</pre>
 */
public final class NotFoundException extends HooklineException {
    public NotFoundException(int statusCode, String errorCode, String errorMessage, String requestId) {
        super(statusCode, errorCode, errorMessage, requestId);
    }
}
