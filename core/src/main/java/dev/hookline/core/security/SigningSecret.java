package dev.hookline.core.security;

import dev.hookline.sdk.Webhook;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing key in one of its two kinds: {@code hmac} (a shared {@code whsec_} secret, signatures
 * {@code v1,…}) or {@code ed25519} (a {@code whsk_} seed that only Hookline holds, signatures {@code v1a,…}, and a
 * {@code whpk_} public key that receivers verify with). {@code key} is what gets encrypted at rest: the HMAC secret
 * or the 32-byte Ed25519 seed.
 *
 * @param publicKey the {@code whpk_} key of an Ed25519 secret, null for HMAC
 */
public record SigningSecret(String type, byte[] key, String publicKey) {
    public static final String HMAC = "hmac";
    public static final String ED25519 = "ed25519";

    public SigningSecret {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(key, "key == null");
        if (!type.equals(HMAC) && !type.equals(ED25519)) {
            throw new IllegalArgumentException("unknown secret type " + type);
        }
        key = key.clone();
    }

    /** A new random secret of {@code type}: 24 bytes for HMAC, a fresh key pair for Ed25519. */
    public static SigningSecret generate(String type) {
        if (ED25519.equals(type)) {
            return parse(Webhook.generateEd25519KeyPair().secretKey());
        }
        return new SigningSecret(HMAC, Secrets.generate(), null);
    }

    /**
     * A user-supplied {@code whsec_…} or {@code whsk_…}.
     *
     * @throws IllegalArgumentException with a message fit for an API error (never echoing the secret)
     */
    public static SigningSecret parse(String text) {
        if (text != null && text.startsWith(Webhook.ED25519_SECRET_PREFIX)) {
            Webhook.Ed25519KeyPair pair;
            try {
                pair = Webhook.Ed25519KeyPair.fromSecretKey(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "is not a valid " + Webhook.ED25519_SECRET_PREFIX + " Ed25519 key: " + e.getMessage());
            }
            byte[] seed =
                    Base64.getDecoder().decode(pair.secretKey().substring(Webhook.ED25519_SECRET_PREFIX.length()));
            return new SigningSecret(ED25519, seed, pair.publicKey());
        }
        if (text == null || !text.startsWith(Secrets.PREFIX)) {
            throw new IllegalArgumentException(
                    "must start with " + Secrets.PREFIX + " (HMAC) or " + Webhook.ED25519_SECRET_PREFIX + " (Ed25519)");
        }
        return new SigningSecret(HMAC, Secrets.parse(text), null);
    }

    /** A stored secret, decrypted; the public key of an Ed25519 seed is derived again. */
    public static SigningSecret of(String type, byte[] key) {
        return ED25519.equals(type) ? parse(ed25519Text(key)) : new SigningSecret(HMAC, key, null);
    }

    /** What a receiver verifies with: the shared {@code whsec_} secret, or the {@code whpk_} public key. */
    public String verificationKey() {
        return HMAC.equals(type) ? Secrets.format(key) : publicKey;
    }

    /** A signer for this secret, giving {@code v1,…} or {@code v1a,…} entries. */
    public Webhook signer() {
        return HMAC.equals(type) ? new Webhook(key) : new Webhook(ed25519Text(key));
    }

    private static String ed25519Text(byte[] seed) {
        return Webhook.ED25519_SECRET_PREFIX + Base64.getEncoder().encodeToString(seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningSecret s && type.equals(s.type) && Arrays.equals(key, s.key);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "SigningSecret[" + type
                + ", <redacted>]"; // records print their components; a key must never reach a log
    }
}
