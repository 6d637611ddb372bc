package dev.hookline.sdk.model;

/**
 * Body of {@code POST …/secret/rotate}. Every field is optional: a new secret is generated when {@code key}
 * ({@code whsec_…} or {@code whsk_…}) is absent, of {@code type} ({@code hmac} or {@code ed25519}; default: the
 * current secret's type), and the old one keeps signing for {@code gracePeriodSeconds} (default 86,400).
 *
 * <pre>{@code
 * client.endpoints().rotateSecret("acme", "ep_1", new SecretRotateIn(null, 3600L));   // old secret signs 1 more hour
 * client.endpoints().rotateSecret("acme", "ep_1", new SecretRotateIn(null, 0L, "ed25519"));   // switch to Ed25519 now
 * }</pre>
 */
public record SecretRotateIn(String key, Long gracePeriodSeconds, String type) {
    public SecretRotateIn(String key, Long gracePeriodSeconds) {
        this(key, gracePeriodSeconds, null);
    }

    @Override
    public String toString() {
        return "SecretRotateIn[key=" + (key == null ? "null" : "<redacted>") + ", gracePeriodSeconds="
                + gracePeriodSeconds + ", type=" + type + "]";
    }
}
