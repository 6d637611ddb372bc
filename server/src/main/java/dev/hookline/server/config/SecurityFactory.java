package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The operator's admin key, the master key that encrypts endpoint secrets, and how far outbound requests may
 * reach. Outside {@code dev}, a missing admin key or an encryption key that is not 32 bytes stops the start.
 */
public class SecurityFactory {
    @JsonProperty
    public String adminKey = "";

    /** 32 bytes, as base64 or 64 hex digits. */
    @JsonProperty
    public String encryptionKey = "";

    @JsonProperty
    public boolean allowPrivateNetworks = false;

    @JsonProperty
    public boolean allowInsecureUrls = false;

    /**
     * How long an API key's tenant and a tenant reference are remembered (HOOKLINE_AUTH_CACHE_SECONDS). Revoking a
     * key still takes effect at once on every server: changes are broadcast over Redis, and a server that cannot
     * hear them does not use its cache. 0 turns it off.
     */
    @jakarta.validation.constraints.Min(0)
    @jakarta.validation.constraints.Max(300)
    @JsonProperty
    public int authCacheSeconds = 5;

    /** CIDRs that are always allowed, even when private networks are not. */
    @JsonProperty
    public List<String> allowedCidrs = new ArrayList<>();

    /** @throws IllegalStateException with an operator-facing message (never the key itself) */
    public byte[] encryptionKeyBytes() {
        String k = encryptionKey == null ? "" : encryptionKey.trim();
        if (k.isEmpty()) {
            throw new IllegalStateException("HOOKLINE_ENCRYPTION_KEY is not set: give 32 random bytes as base64 "
                    + "(for example: openssl rand -base64 32)");
        }
        byte[] bytes;
        try {
            bytes = k.length() == 64 && k.matches("[0-9a-fA-F]+")
                    ? HexFormat.of().parseHex(k)
                    : Base64.getDecoder().decode(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HOOKLINE_ENCRYPTION_KEY is neither base64 nor 64 hex digits");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("HOOKLINE_ENCRYPTION_KEY must be 32 bytes, it is " + bytes.length);
        }
        return bytes;
    }

    public String requireAdminKey() {
        if (adminKey == null || adminKey.isBlank()) {
            throw new IllegalStateException("HOOKLINE_ADMIN_KEY is not set: choose a long random string");
        }
        if (adminKey.length() < 16) {
            throw new IllegalStateException("HOOKLINE_ADMIN_KEY is too short: use at least 16 characters");
        }
        return adminKey;
    }
}
