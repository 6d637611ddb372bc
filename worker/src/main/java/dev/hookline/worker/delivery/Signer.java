package dev.hookline.worker.delivery;

import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.security.SecretBox;
import dev.hookline.core.security.SigningSecret;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@code webhook-signature} header: one space-separated entry per active secret, {@code v1,<base64>}
 * for an HMAC secret and {@code v1a,<base64>} for an Ed25519 one, so a receiver verifies with either the new or
 * the old secret during a rotation's grace period (even when the rotation changed the kind).
 */
public final class Signer {
    private final SecretBox secretBox;

    public Signer(SecretBox secretBox) {
        this.secretBox = Objects.requireNonNull(secretBox, "secretBox == null");
    }

    public String signatureHeader(List<StoredSecret> secrets, String messageId, long timestampSeconds, byte[] payload) {
        StringBuilder header = new StringBuilder();
        for (StoredSecret secret : secrets) {
            byte[] key = secretBox.decrypt(secret.keyId(), secret.ciphertext());
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(SigningSecret.of(secret.kind(), key).signer().sign(messageId, timestampSeconds, payload));
        }
        if (header.length() == 0) {
            throw new IllegalStateException("endpoint has no active signing secret");
        }
        return header.toString();
    }
}
