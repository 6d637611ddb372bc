package dev.hookline.sdk;

/** Thrown by {@link Webhook#verify} when a request is not a genuine, fresh webhook. Never contains the secret. */
public final class WebhookVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
