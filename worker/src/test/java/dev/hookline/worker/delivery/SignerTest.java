package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.security.SecretBox;
import dev.hookline.core.security.SigningSecret;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignerTest {
    private final SecretBox box = new SecretBox(new byte[32]);
    private final Signer signer = new Signer(box);
    private final byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private final long now = Instant.now().getEpochSecond();

    private StoredSecret stored(SigningSecret secret) {
        return new StoredSecret("ep_1", secret.type(), box.keyId(), box.encrypt(secret.key()), secret.publicKey(),
                Instant.now(), null);
    }

    private Map<String, List<String>> headers(String signature) {
        return Map.of("webhook-id", List.of("msg_1"), "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(signature));
    }

    @Test
    void signsEveryActiveSecretOfEitherKindAndEachVerifies() throws Exception {
        SigningSecret hmac = SigningSecret.generate(SigningSecret.HMAC);
        SigningSecret ed = SigningSecret.generate(SigningSecret.ED25519);

        String header = signer.signatureHeader(List.of(stored(ed), stored(hmac)), "msg_1", now, body);

        assertThat(header.split(" ")).hasSize(2);
        assertThat(header).startsWith("v1a,").contains(" v1,");
        new Webhook(hmac.verificationKey()).verify(body, headers(header));
        new Webhook(ed.verificationKey()).verify(body, headers(header));
        assertThat(ed.verificationKey()).startsWith("whpk_");
    }

    @Test
    void ed25519SignatureDoesNotVerifyWithAnotherPublicKey() {
        String header = signer.signatureHeader(List.of(stored(SigningSecret.generate(SigningSecret.ED25519))),
                "msg_1", now, body);
        String otherPublic = SigningSecret.generate(SigningSecret.ED25519).verificationKey();
        assertThatThrownBy(() -> new Webhook(otherPublic).verify(body, headers(header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void noActiveSecretIsAnError() {
        assertThatThrownBy(() -> signer.signatureHeader(List.of(), "msg_1", now, body))
                .isInstanceOf(IllegalStateException.class);
    }
}
