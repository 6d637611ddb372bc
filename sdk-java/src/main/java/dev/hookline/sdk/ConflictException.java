package dev.hookline.sdk;

/**
 * 409: the request clashes with existing state, for example a {@code uid} or event type name that is taken, or an {@code Idempotency-Key} reused with a different body.
 *
 * <pre>{@code
 * try { client.tenants().create(new TenantIn("Acme", "acme", null)); }
 * catch (ConflictException e) { return client.tenants().get("acme"); }   // uid taken: it exists
 * }</pre>
 */
public final class ConflictException extends HooklineException {
    public ConflictException(int statusCode, String errorCode, String errorMessage, String requestId) {
        super(statusCode, errorCode, errorMessage, requestId);
    }
}
