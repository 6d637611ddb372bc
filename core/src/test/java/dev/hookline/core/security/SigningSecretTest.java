package dev.hookline.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.sdk.Webhook;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningSecretTest {

    @Test
    void generatedHmacSecretIsTwentyFourRandomBytesShownAsWhsec() {
        SigningSecret a = SigningSecret.generate(SigningSecret.HMAC);
        SigningSecret b = SigningSecret.generate(SigningSecret.HMAC);
        assertThat(a.key()).hasSize(24);
        assertThat(a.verificationKey()).startsWith("whsec_");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.publicKey()).isNull();
    }

    @Test
    void suppliedEd25519KeyKeepsItsSeedAndShowsItsPublicKey() {
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        SigningSecret secret = SigningSecret.parse(pair.secretKey());
        assertThat(secret.type()).isEqualTo(SigningSecret.ED25519);
        assertThat(secret.key())
                .isEqualTo(Base64.getDecoder().decode(pair.secretKey().substring(5)));
        assertThat(secret.verificationKey()).isEqualTo(pair.publicKey());
        assertThat(SigningSecret.of(SigningSecret.ED25519, secret.key())).isEqualTo(secret);
        assertThat(SigningSecret.of(SigningSecret.ED25519, secret.key()).publicKey())
                .isEqualTo(pair.publicKey());
    }

    @Test
    void badSecretsAreRefusedWithoutEchoingThem() {
        String shortSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
        assertThatThrownBy(() -> SigningSecret.parse(shortSecret))
                .hasMessageContaining("24 to 64 bytes")
                .hasMessageNotContaining(shortSecret.substring(6));
        assertThatThrownBy(() -> SigningSecret.parse("whsk_AAAA")).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> SigningSecret.parse("secret")).hasMessageContaining("whsec_");
        assertThat(SigningSecret.generate(SigningSecret.HMAC).toString()).doesNotContain("whsec_");
    }
}
