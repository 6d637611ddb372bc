package dev.hookline.core.security;

import dev.hookline.core.ids.Ids;
import java.util.Base64;

/** Endpoint signing secrets in their Standard Webhooks spelling, {@code whsec_<base64>}. */
public final class Secrets {
    public static final String PREFIX = "whsec_";
    public static final int GENERATED_BYTES = 24;
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;

    private Secrets() {}

    public static byte[] generate() {
        return Ids.secureRandom(GENERATED_BYTES);
    }

    public static String format(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Parses a user-supplied secret.
     *
     * @throws IllegalArgumentException with a message fit for an API error (never echoing the secret)
     */
    public static byte[] parse(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + PREFIX + " followed by base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "must hold " + MIN_BYTES + " to " + MAX_BYTES + " bytes, got " + key.length);
        }
        return key;
    }
}
