package dev.hookline.worker.delivery;

import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.security.SecretBox;
import dev.hookline.sdk.Webhook;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@code webhook-signature} header: one space-separated {@code v1,<base64>} per active secret, so a
 * receiver verifies with either the new or the old secret during a rotation's grace period.
 */
public final class Signer {
    private final SecretBox secretBox;

    public Signer(SecretBox secretBox) {
        this.secretBox = Objects.requireNonNull(secretBox, "secretBox == null");
    }

    public String signatureHeader(List<StoredSecret> secrets, String messageId, long timestampSeconds, byte[] payload) {
        StringBuilder header = new StringBuilder();
        for (StoredSecret secret : secrets) {
            if (!"hmac".equals(secret.kind())) {
                continue; // asymmetric secrets are signed by their own signer once supported
            }
            byte[] key = secretBox.decrypt(secret.keyId(), secret.ciphertext());
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(new Webhook(key).sign(messageId, timestampSeconds, payload));
        }
        if (header.length() == 0) {
            throw new IllegalStateException("endpoint has no active signing secret");
        }
        return header.toString();
    }
}
