package dev.hookline.sdk.model;

/**
 * Body of {@code POST …/secret/rotate}. Both fields are optional: a new secret is generated when
 * {@code key} is absent, and the old one keeps signing for {@code gracePeriodSeconds} (default 86,400).
 */
public record SecretRotateIn(String key, Long gracePeriodSeconds) {
    @Override
    public String toString() {
        return "SecretRotateIn[key=" + (key == null ? "null" : "<redacted>") + ", gracePeriodSeconds=" + gracePeriodSeconds + "]";
    }
}
