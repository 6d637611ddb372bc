package dev.hookline.sdk;

/**
 * Thrown by {@link Webhook#verify} when a request is not a genuine, fresh webhook. The message says what is wrong
 * (a missing header, a bad, too old or too new timestamp, no matching signature) and never contains the secret.
 *
 * <pre>{@code
 * try {
 *     webhook.verify(body, headers);
 * } catch (WebhookVerificationException e) {
 *     return Response.status(400).build();   // don't process, don't retry-loop: the sender will not fix it
 * }
 * }</pre>
 */
public final class WebhookVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
