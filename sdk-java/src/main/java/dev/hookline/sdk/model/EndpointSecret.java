package dev.hookline.sdk.model;

/**
 * What a receiver verifies an endpoint's deliveries with: for {@code type} {@code hmac} the shared secret
 * ({@code whsec_…}), for {@code ed25519} the public key ({@code whpk_…}; the signing key never leaves Hookline).
 * Either way {@code new Webhook(key)} verifies.
 *
 * <pre>{@code
 * Webhook verifier = new Webhook(client.endpoints().secret("acme", "ep_1").key());
 * }</pre>
 */
public record EndpointSecret(String key, String type) {
    /** An HMAC secret, or an answer from a server that does not name the type. */
    public EndpointSecret(String key) {
        this(key, null);
    }

    @Override
    public String toString() {
        return "EndpointSecret[key=<redacted>, type=" + type + "]";
    }
}
