package dev.hookline.core.security;

import dev.hookline.core.ids.Ids;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts endpoint secrets at rest with AES-256-GCM. Each ciphertext is stored beside the id of the master key
 * that made it ({@link #keyId()}), so the master key can later be rotated by re-encrypting row by row.
 * Layout of a ciphertext: 12-byte random nonce, then the GCM output (ciphertext and 16-byte tag).
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;

    public SecretBox(byte[] masterKey) {
        Objects.requireNonNull(masterKey, "masterKey == null");
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("encryption key must be 32 bytes, got " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.keyId = keyIdOf(masterKey);
    }

    /** A short, non-secret fingerprint of the master key: the first 8 bytes of SHA-256("hookline-key-id" || key). */
    public static String keyIdOf(byte[] masterKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("hookline-key-id".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(masterKey), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(byte[] plaintext) {
        byte[] nonce = Ids.secureRandom(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the ciphertext was made under another key or was altered */
    public byte[] decrypt(String ciphertextKeyId, byte[] ciphertext) {
        if (!keyId.equals(ciphertextKeyId)) {
            throw new IllegalStateException(
                    "secret was encrypted under master key " + ciphertextKeyId + " but the configured key is " + keyId);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
            return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret could not be decrypted (altered, or another key)", e);
        }
    }
}
