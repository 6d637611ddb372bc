package dev.hookline.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.ids.Ids;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final SecretBox box = new SecretBox(Ids.secureRandom(32));

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        byte[] secret = "whsec_plaintext".getBytes(StandardCharsets.UTF_8);
        byte[] a = box.encrypt(secret);
        byte[] b = box.encrypt(secret);
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("plaintext");
        assertThat(box.decrypt(box.keyId(), a)).isEqualTo(secret);
    }

    @Test
    void refusesAlteredCiphertextsAndOtherKeys() {
        byte[] sealed = box.encrypt(new byte[] {1, 2, 3});
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.decrypt(box.keyId(), sealed)).isInstanceOf(IllegalStateException.class);
        SecretBox other = new SecretBox(Ids.secureRandom(32));
        assertThatThrownBy(() -> other.decrypt(box.keyId(), box.encrypt(new byte[] {1})))
                .hasMessageContaining("master key");
    }

    @Test
    void requiresA32ByteKey() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessage("encryption key must be 32 bytes, got 16");
    }

    @Test
    void apiKeysAreLongRandomAndHashedDeterministically() {
        String key = ApiKeys.generate();
        assertThat(key).startsWith("hk_").hasSizeGreaterThanOrEqualTo(3 + 43);
        assertThat(ApiKeys.hash(key)).hasSize(32).isEqualTo(ApiKeys.hash(key));
        assertThat(ApiKeys.displayPrefix(key)).hasSize(9);
        assertThat(ApiKeys.generate()).isNotEqualTo(key);
    }

    @Test
    void parsesUserSuppliedSecretsWithinBounds() {
        assertThat(Secrets.parse(Secrets.format(new byte[24]))).hasSize(24);
        assertThatThrownBy(() -> Secrets.parse(Secrets.format(new byte[16]))).hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> Secrets.parse("nope")).hasMessage("must start with whsec_");
    }
}
