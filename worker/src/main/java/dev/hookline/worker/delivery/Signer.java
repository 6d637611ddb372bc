package dev.hookline.worker.delivery;

import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.security.SecretBox;
import dev.hookline.sdk.Webhook;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@code webhook-signature} header: one space-separated {@code v1,<base64>} per active secret, so a
 * receiver verifies with either the new or the old secret during a rotation's grace period.
 *
 * <p>Decrypting a secret cost four times the HMAC itself (JMH, docs/benchmarks.md), so the signing key of each
 * ciphertext is kept in a bounded LRU map. Which secrets are active is still decided per delivery by the query that
 * loads them; a rotated secret has a new ciphertext, so nothing here can outlive it in use.
 */
public final class Signer {
    private static final int MAX_KEYS = 10_000;

    private final SecretBox secretBox;
    private final Map<ByteBuffer, Webhook> keys = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Webhook> eldest) {
            return size() > MAX_KEYS;
        }
    });

    public Signer(SecretBox secretBox) {
        this.secretBox = Objects.requireNonNull(secretBox, "secretBox == null");
    }

    public String signatureHeader(List<StoredSecret> secrets, String messageId, long timestampSeconds, byte[] payload) {
        StringBuilder header = new StringBuilder();
        for (StoredSecret secret : secrets) {
            if (!"hmac".equals(secret.kind())) {
                continue; // asymmetric secrets are signed by their own signer once supported
            }
            Webhook webhook = keys.get(ByteBuffer.wrap(secret.ciphertext()));
            if (webhook == null) {
                webhook = new Webhook(secretBox.decrypt(secret.keyId(), secret.ciphertext()));
                keys.put(ByteBuffer.wrap(secret.ciphertext().clone()), webhook);
            }
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(webhook.sign(messageId, timestampSeconds, payload));
        }
        if (header.length() == 0) {
            throw new IllegalStateException("endpoint has no active signing secret");
        }
        return header.toString();
    }
}
