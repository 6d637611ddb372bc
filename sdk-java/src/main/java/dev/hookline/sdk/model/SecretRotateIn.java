package dev.hookline.sdk.model;

/**
 * Body of {@code POST …/secret/rotate}. Both fields are optional: a new secret is generated when
 * {@code key} is absent, and the old one keeps signing for {@code gracePeriodSeconds} (default 86,400).
 *
 * <pre>{@code
 * client.endpoints().rotateSecret("acme", "ep_1", new SecretRotateIn(null, 3600L));   // old secret signs 1 more hour
 * }</pre>
 */
public record SecretRotateIn(String key, Long gracePeriodSeconds) {
    @Override
    public String toString() {
        return "SecretRotateIn[key=" + (key == null ? "null" : "<redacted>") + ", gracePeriodSeconds=" + gracePeriodSeconds + "]";
    }
}
