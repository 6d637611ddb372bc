package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real deliveries checked by code that is not Hookline's: the worker signs with the SDK's {@code Webhook}, so the
 * other end-to-end tests verify with the same class that signed. Here the Standard Webhooks reference library
 * ({@code com.standardwebhooks:standardwebhooks}) verifies {@code v1} (HMAC) signatures, and the JDK's Ed25519 alone
 * verifies {@code v1a} ones against the endpoint's {@code whpk_} public key.
 */
class StandardWebhooksInteropTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    /** Payloads whose bytes a re-encoding would change: spacing, escapes, non-ASCII (2 and 4 UTF-8 bytes), big numbers. */
    static final List<String> PAYLOADS = List.of(
            "{\"test\": 2432232314}",
            "{ \"name\" : \"Zoë\",\n\t\"emoji\":\"\uD83D\uDE00\", \"escaped\":\"\\u00e9\\n\" }",
            "{\"n\":12345678901234567890.5e-3,\"list\":[ ],\"nested\":{\"a\":[null,true,false]}}");

    @Test
    void everyHmacDeliveryVerifiesWithTheStandardWebhooksReferenceLibrary() throws Exception {
        // given an endpoint with a generated secret and one with a secret of its own
        Scenario s = Scenario.tenant(app, "interop");
        Endpoint generated = s.endpoint(receiver.url("/generated"));
        String mine = "whsec_" + Base64.getEncoder().encodeToString("a secret of exactly 32 bytes....".getBytes());
        Endpoint supplied = s.endpoint(
                EndpointIn.builder(receiver.url("/supplied")).secret(mine).build());

        // when messages with unusual bytes are sent
        PAYLOADS.forEach(p -> send(s, p));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.receivedOn("/generated").size() == PAYLOADS.size()
                        && receiver.receivedOn("/supplied").size() == PAYLOADS.size());

        // then each arrives byte for byte, and the reference library accepts it as it arrived, and refuses it altered
        // or under another key
        assertThat(receiver.receivedOn("/supplied"))
                .map(r -> new String(r.body(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(PAYLOADS);
        assertVerifiedByReferenceLibrary(receiver.receivedOn("/generated"), s.secret(generated));
        assertVerifiedByReferenceLibrary(receiver.receivedOn("/supplied"), mine);
        assertThat(s.secret(supplied)).isEqualTo(mine);
    }

    @Test
    void duringARotationTheReferenceLibraryAcceptsTheOldAndTheNewSecret() throws Exception {
        // given an endpoint whose secret is rotated with a grace period
        Scenario s = Scenario.tenant(app, "interop-rotation");
        Endpoint endpoint = s.endpoint(receiver.url("/rotated"));
        String old = s.secret(endpoint);
        String next = s.client()
                .endpoints()
                .rotateSecret(s.tenant(), endpoint.id(), new SecretRotateIn(null, 3600L))
                .orElseThrow()
                .key();

        // when a message is delivered
        send(s, PAYLOADS.get(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.receivedOn("/rotated").size() == 1);

        // then it carries a v1 signature by each secret, and the reference library accepts it with either
        TestReceiver.Received delivery = receiver.receivedOn("/rotated").get(0);
        assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2).allMatch(v -> v.startsWith("v1,"));
        assertVerifiedByReferenceLibrary(List.of(delivery), old);
        assertVerifiedByReferenceLibrary(List.of(delivery), next);
    }

    @Test
    void everyEd25519DeliveryVerifiesWithTheJdkAgainstThePublicKey() throws Exception {
        // given an endpoint with a generated Ed25519 key, of which Hookline shows only the public half
        Scenario s = Scenario.tenant(app, "interop-ed25519");
        Endpoint endpoint = s.endpoint(EndpointIn.builder(receiver.url("/ed25519"))
                .secretType("ed25519")
                .build());
        String whpk = s.secret(endpoint);
        assertThat(whpk).startsWith("whpk_");

        // when messages are sent
        PAYLOADS.forEach(p -> send(s, p));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.receivedOn("/ed25519").size() == PAYLOADS.size());

        // then each v1a signature is an Ed25519 signature of "id.timestamp.body" by that public key
        PublicKey key = ed25519PublicKey(whpk);
        for (TestReceiver.Received delivery : receiver.receivedOn("/ed25519")) {
            String signature = delivery.header("webhook-signature");
            assertThat(signature).startsWith("v1a,");
            byte[] content = signedContent(delivery);
            assertThat(ed25519Verifies(key, content, signature)).as(signature).isTrue();
            content[content.length - 1] ^= 1;
            assertThat(ed25519Verifies(key, content, signature)).isFalse();
        }
    }

    private static void assertVerifiedByReferenceLibrary(List<TestReceiver.Received> deliveries, String secret)
            throws Exception {
        com.standardwebhooks.Webhook reference = new com.standardwebhooks.Webhook(secret);
        com.standardwebhooks.Webhook other = new com.standardwebhooks.Webhook(
                "whsec_" + Base64.getEncoder().encodeToString("another secret of 32 bytes......".getBytes()));
        assertThat(deliveries).isNotEmpty();
        for (TestReceiver.Received delivery : deliveries) {
            String body = new String(delivery.body(), StandardCharsets.UTF_8);
            assertThatCode(() -> reference.verify(body, delivery.headers()))
                    .as("%s with %s", delivery.path(), delivery.header("webhook-signature"))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> reference.verify(body + " ", delivery.headers()))
                    .isInstanceOf(WebhookVerificationException.class);
            assertThatThrownBy(() -> other.verify(body, delivery.headers()))
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    /** Sends {@code payload} as written: the SDK would send it re-serialised, without its unusual spacing. */
    private static void send(Scenario s, String payload) {
        RawHttp.Response sent = app.raw()
                .call(
                        "POST",
                        "/v1/tenants/" + s.tenant() + "/messages",
                        TestApp.ADMIN_KEY,
                        "{\"eventType\":\"interop.test\",\"payload\":" + payload + "}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    }

    /** What Standard Webhooks signs: {@code webhook-id}, {@code webhook-timestamp} and the body, joined by dots. */
    private static byte[] signedContent(TestReceiver.Received delivery) {
        byte[] prefix = (delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + delivery.body().length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(delivery.body(), 0, content, prefix.length, delivery.body().length);
        return content;
    }

    /** A {@code whpk_} key as the JDK reads it: X.509's fixed Ed25519 header (RFC 8410) before the 32 raw bytes. */
    private static PublicKey ed25519PublicKey(String whpk) throws Exception {
        byte[] raw = Base64.getDecoder().decode(whpk.substring("whpk_".length()));
        byte[] header = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] der = new byte[header.length + raw.length];
        System.arraycopy(header, 0, der, 0, header.length);
        System.arraycopy(raw, 0, der, header.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static boolean ed25519Verifies(PublicKey key, byte[] content, String signatureHeader) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(content);
        return verifier.verify(Base64.getDecoder().decode(signatureHeader.substring("v1a,".length())));
    }
}
