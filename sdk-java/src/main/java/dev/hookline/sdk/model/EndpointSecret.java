package dev.hookline.sdk.model;

/**
 * The signing secret of an endpoint ({@code whsec_…}).
 *
 * <pre>{@code
 * Webhook verifier = new Webhook(client.endpoints().secret("acme", "ep_1").key());
 * }</pre>
 */
public record EndpointSecret(String key) {
    @Override
    public String toString() {
        return "EndpointSecret[key=<redacted>]";
    }
}
