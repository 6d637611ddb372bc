package dev.hookline.core.security;

import dev.hookline.core.ids.Ids;
import java.util.Base64;

/**
 * Portal session tokens: {@code hlp_} + base64url of 32 random bytes, stored as their SHA-256 ({@link ApiKeys#hash})
 * and found by their displayed prefix, exactly as tenant API keys are.
 */
public final class PortalTokens {
    public static final String PREFIX = "hlp_";
    private static final int RANDOM_BYTES = 32;
    private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;

    private PortalTokens() {}

    public static String generate() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.secureRandom(RANDOM_BYTES));
    }

    /** What listings show of a token, and what authentication looks it up by. */
    public static String displayPrefix(String token) {
        return token.substring(0, Math.min(SHOWN_PREFIX_LENGTH, token.length()));
    }
}
