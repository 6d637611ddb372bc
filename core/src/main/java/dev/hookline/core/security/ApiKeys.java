package dev.hookline.core.security;

import dev.hookline.core.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Tenant API keys: {@code hk_} + base64url of 32 random bytes. Only the SHA-256 of a key is stored; a lookup by
 * hash compares digests in the index, never the key itself, so response time says nothing about how much of a
 * guessed key was right.
 */
public final class ApiKeys {
    public static final String PREFIX = "hk_";
    private static final int RANDOM_BYTES = 32;
    private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;

    private ApiKeys() {}

    public static String generate() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.secureRandom(RANDOM_BYTES));
    }

    public static byte[] hash(String key) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /** One digest per thread: {@code getInstance} looks the provider up on every call, and this runs per request. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** What listings show of a key: enough to recognise it, far too little to use it. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
    }
}
