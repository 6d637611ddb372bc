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
        return new StoredSecret(
                "ep_1", secret.type(), box.keyId(), box.encrypt(secret.key()), secret.publicKey(), Instant.now(), null);
    }

    private Map<String, List<String>> headers(String signature) {
        return Map.of(
                "webhook-id",
                List.of("msg_1"),
                "webhook-timestamp",
                List.of(Long.toString(now)),
                "webhook-signature",
                List.of(signature));
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
        String header = signer.signatureHeader(
                List.of(stored(SigningSecret.generate(SigningSecret.ED25519))), "msg_1", now, body);
        String otherPublic = SigningSecret.generate(SigningSecret.ED25519).verificationKey();
        assertThatThrownBy(() -> new Webhook(otherPublic).verify(body, headers(header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void noActiveSecretIsAnError() {
        assertThatThrownBy(() -> signer.signatureHeader(List.of(), "msg_1", now, body))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eachSecretSignsWithItsOwnKeyAlsoWhenItsKeyIsRemembered() {
        // given two endpoints' secrets, each signed with once already (so their keys are cached)
        String first = Webhook.generateSecret();
        String second = Webhook.generateSecret();
        StoredSecret a = storedHmac("ep_a", first);
        StoredSecret b = storedHmac("ep_b", second);
        signer.signatureHeader(List.of(a), "msg_1", 1_700_000_000L, body);
        signer.signatureHeader(List.of(b), "msg_1", 1_700_000_000L, body);

        // when both sign again, and a rotation signs with both at once
        String headerA = signer.signatureHeader(List.of(a), "msg_2", 1_700_000_001L, body);
        String headerB = signer.signatureHeader(List.of(b), "msg_2", 1_700_000_001L, body);
        String rotating = signer.signatureHeader(List.of(b, a), "msg_2", 1_700_000_001L, body);

        // then each header is exactly what the SDK computes with that secret
        String expectedA = new Webhook(first).sign("msg_2", 1_700_000_001L, body);
        String expectedB = new Webhook(second).sign("msg_2", 1_700_000_001L, body);
        assertThat(headerA).isEqualTo(expectedA);
        assertThat(headerB).isEqualTo(expectedB);
        assertThat(rotating).isEqualTo(expectedB + " " + expectedA);
    }

    private StoredSecret storedHmac(String endpointId, String secret) {
        return new StoredSecret(
                endpointId, "hmac", box.keyId(), box.encrypt(Webhook.decodeSecret(secret)), null, Instant.now(), null);
    }
}
