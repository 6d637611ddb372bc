package dev.hookline.sdk;

import static dev.hookline.sdk.WebhookStandardTest.fixedAt;
import static dev.hookline.sdk.WebhookStandardTest.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookEd25519Test {
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final long NOW = 1_700_000_000L;

    // RFC 8032, section 7.1, TEST 1.
    private static final byte[] RFC_SEED =
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] RFC_PUBLIC =
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] RFC_SIGNATURE_OF_EMPTY = HexFormat.of()
            .parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                    + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    @Test
    void derivesThePublicKeyAndSignatureOfTheRfc8032TestVector() {
        String whsk = "whsk_" + Base64.getEncoder().encodeToString(RFC_SEED);
        Webhook.Ed25519KeyPair pair = Webhook.Ed25519KeyPair.fromSecretKey(whsk);

        assertThat(pair.publicKey()).isEqualTo("whpk_" + Base64.getEncoder().encodeToString(RFC_PUBLIC));
        assertThat(SigningKey.parse(whsk).sign(new byte[0])).isEqualTo(RFC_SIGNATURE_OF_EMPTY);
        assertThat(SigningKey.parse(pair.publicKey()).verify(new byte[0], RFC_SIGNATURE_OF_EMPTY))
                .isTrue();
    }

    /**
     * A fixed {@code v1a} vector: the RFC 8032 TEST 1 key signs the Standard Webhooks test message (the id,
     * timestamp and payload of their HMAC vector). Ed25519 signatures are deterministic; the expected value was
     * computed outside this SDK, by OpenSSL 3.0 and by Python's {@code cryptography} 48, which agree:
     *
     * <pre>
     * SEED=9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60   # RFC_SEED; a PKCS#8 prefix makes it a key
     * (printf 302e020100300506032b657004220420; printf $SEED) | xxd -r -p | openssl pkey -inform DER -out key.pem
     * printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' > content.txt
     * openssl pkeyutl -sign -inkey key.pem -rawin -in content.txt | base64 -w0
     * </pre>
     */
    @Test
    void signsAndVerifiesAFixedV1aVector() throws Exception {
        long timestamp = 1_614_265_330L;
        String expected =
                "v1a,fldxM4gAKugP6nnt1hdz3sgGfZ6d99nzrMFnZOELIxbzEHoVmAb2ADpkJK7zgPePmPsle0zV9jSeGlHFG2NVAw==";
        String whsk = "whsk_" + Base64.getEncoder().encodeToString(RFC_SEED);
        String whpk = "whpk_" + Base64.getEncoder().encodeToString(RFC_PUBLIC);

        assertThat(new Webhook(whsk).sign(MSG_ID, timestamp, PAYLOAD)).isEqualTo(expected);
        new Webhook(whpk).withClock(fixedAt(timestamp)).verify(PAYLOAD, headers(expected, timestamp));
        assertThatThrownBy(() -> new Webhook(whpk)
                        .withClock(fixedAt(timestamp))
                        .verify(PAYLOAD.replace('2', '3'), headers(expected, timestamp)))
                .hasMessage("no matching signature found");
    }

    @Test
    void signsWithTheSecretKeyAndVerifiesWithThePublicKey() throws Exception {
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        String signature = new Webhook(pair.secretKey()).sign(MSG_ID, NOW, PAYLOAD);

        assertThat(signature).startsWith("v1a,");
        assertThat(Base64.getDecoder().decode(signature.substring(4))).hasSize(64);
        new Webhook(pair.publicKey()).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(signature, NOW));
        new Webhook(pair.secretKey()).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(signature, NOW));
    }

    @Test
    void acceptsTheSecretKeyAsSeedFollowedByPublicKey() throws Exception {
        byte[] both = new byte[64];
        System.arraycopy(RFC_SEED, 0, both, 0, 32);
        System.arraycopy(RFC_PUBLIC, 0, both, 32, 32);
        String whsk64 = "whsk_" + Base64.getEncoder().encodeToString(both);

        String signature = new Webhook(whsk64).sign(MSG_ID, NOW, PAYLOAD);
        new Webhook("whpk_" + Base64.getEncoder().encodeToString(RFC_PUBLIC))
                .withClock(fixedAt(NOW))
                .verify(PAYLOAD, headers(signature, NOW));

        both[63] ^= 1;
        String mismatched = "whsk_" + Base64.getEncoder().encodeToString(both);
        assertThatThrownBy(() -> new Webhook(mismatched))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the public half of the whsk_ key does not belong to its seed");
    }

    @Test
    void rejectsASignatureMadeByAnotherKey() {
        String signature = new Webhook(Webhook.generateEd25519KeyPair().secretKey()).sign(MSG_ID, NOW, PAYLOAD);
        Webhook other = new Webhook(Webhook.generateEd25519KeyPair().publicKey()).withClock(fixedAt(NOW));

        assertThatThrownBy(() -> other.verify(PAYLOAD, headers(signature, NOW)))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessage("no matching signature found");
    }

    @Test
    void rejectsATamperedBodyAndAGarbledSignature() {
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        String signature = new Webhook(pair.secretKey()).sign(MSG_ID, NOW, PAYLOAD);
        Webhook receiver = new Webhook(pair.publicKey()).withClock(fixedAt(NOW));

        assertThatThrownBy(() -> receiver.verify(PAYLOAD + " ", headers(signature, NOW)))
                .hasMessage("no matching signature found");
        assertThatThrownBy(() -> receiver.verify(PAYLOAD, headers("v1a,AAAA", NOW)))
                .hasMessage("no matching signature found");
    }

    @Test
    void picksTheOwnSchemeOutOfAMixedSymmetricAndAsymmetricHeader() throws Exception {
        String hmacSecret = Webhook.generateSecret();
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        String header = new Webhook(hmacSecret).sign(MSG_ID, NOW, PAYLOAD) + " "
                + new Webhook(pair.secretKey()).sign(MSG_ID, NOW, PAYLOAD);

        new Webhook(hmacSecret).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(header, NOW));
        new Webhook(pair.publicKey()).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(header, NOW));
    }

    @Test
    void refusesToSignWithAPublicKey() {
        Webhook receiver = new Webhook(Webhook.generateEd25519KeyPair().publicKey());
        assertThatThrownBy(() -> receiver.sign(MSG_ID, NOW, PAYLOAD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("can only verify");
    }

    @Test
    void rejectsKeysOfTheWrongLengthWithoutEchoingThem() {
        String shortKey = "whpk_" + Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new Webhook(shortKey)).hasMessage("an Ed25519 public key is 32 bytes, got 16");
        assertThatThrownBy(() -> new Webhook("whsk_" + Base64.getEncoder().encodeToString(new byte[40])))
                .hasMessageStartingWith("an Ed25519 secret key is 32 bytes");
    }

    @Test
    void keyPairToStringHidesTheSecretKey() {
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        assertThat(pair.toString()).doesNotContain(pair.secretKey()).contains(pair.publicKey());
    }
}
