package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.security.SecretBox;
import dev.hookline.sdk.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTest {
    private final SecretBox box = new SecretBox(Ids.secureRandom(32));
    private final Signer signer = new Signer(box);
    private final byte[] payload = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void eachSecretSignsWithItsOwnKeyAlsoWhenItsKeyIsRemembered() {
        // given two endpoints' secrets, each signed with once already (so their keys are cached)
        String first = Webhook.generateSecret();
        String second = Webhook.generateSecret();
        StoredSecret a = stored("ep_a", first);
        StoredSecret b = stored("ep_b", second);
        signer.signatureHeader(List.of(a), "msg_1", 1_700_000_000L, payload);
        signer.signatureHeader(List.of(b), "msg_1", 1_700_000_000L, payload);

        // when both sign again, and a rotation signs with both at once
        String headerA = signer.signatureHeader(List.of(a), "msg_2", 1_700_000_001L, payload);
        String headerB = signer.signatureHeader(List.of(b), "msg_2", 1_700_000_001L, payload);
        String rotating = signer.signatureHeader(List.of(b, a), "msg_2", 1_700_000_001L, payload);

        // then each header is exactly what the SDK computes with that secret
        String expectedA = new Webhook(first).sign("msg_2", 1_700_000_001L, payload);
        String expectedB = new Webhook(second).sign("msg_2", 1_700_000_001L, payload);
        assertThat(headerA).isEqualTo(expectedA);
        assertThat(headerB).isEqualTo(expectedB);
        assertThat(rotating).isEqualTo(expectedB + " " + expectedA);
    }

    private StoredSecret stored(String endpointId, String secret) {
        return new StoredSecret(endpointId, "hmac", box.keyId(), box.encrypt(Webhook.decodeSecret(secret)), null,
                Instant.now(), null);
    }
}
