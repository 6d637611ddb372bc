package dev.hookline.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.core.security.SecretBox;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.WebhookVerificationException;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing secrets end to end: rotation with a grace period, Ed25519 secrets, and encryption at rest. */
class SecretRotationTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final TestReceiver receiver = TestReceiver.start();
    static HooklineClient client;

    @BeforeAll
    static void tenant() {
        app.adminClient().tenants().create(new TenantIn("Secrets", "sec", null));
        client = app.adminClient();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Sends one message to the endpoint at {@code path} (its own event type) and answers what arrived there. */
    static TestReceiver.Received deliver(String path) {
        String id = client.messages()
                .send(
                        "sec",
                        MessageIn.of(
                                eventType(path),
                                JsonNodeFactory.instance.objectNode().put("at", path)))
                .id();
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> receiver.receivedOn(path).stream()
                                .filter(r -> id.equals(r.header("webhook-id")))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    static Endpoint endpoint(String path, EndpointIn.Builder builder) {
        return client.endpoints()
                .create("sec", builder.eventTypes(List.of(eventType(path))).build());
    }

    static String eventType(String path) {
        return "t" + path.replace('/', '.');
    }

    @Test
    void duringTheGracePeriodBothSecretsVerifyAndAfterItOnlyTheNewOne() throws Exception {
        // given an endpoint with a generated secret
        Endpoint endpoint = endpoint("/rotate", EndpointIn.builder(receiver.url("/rotate")));
        String old = client.endpoints().secret("sec", endpoint.id()).key();
        assertThat(old).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(old.substring(6))).hasSize(24);

        // when it is rotated with a three-second grace period
        Instant rotatedAt = Instant.now();
        EndpointSecret fresh = client.endpoints()
                .rotateSecret("sec", endpoint.id(), new SecretRotateIn(null, 3L))
                .orElseThrow();
        assertThat(fresh.key()).startsWith("whsec_").isNotEqualTo(old);
        assertThat(client.endpoints().secret("sec", endpoint.id()).key()).isEqualTo(fresh.key());

        // then a delivery within the grace period carries a signature for each, and both verify
        TestReceiver.Received during = deliver("/rotate");
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(old).verify(during.body(), during.headers());
        new Webhook(fresh.key()).verify(during.body(), during.headers());

        // and once the grace period is over, only the new secret signs
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(rotatedAt.plusSeconds(4)));
        TestReceiver.Received after = deliver("/rotate");
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        new Webhook(fresh.key()).verify(after.body(), after.headers());
        assertThatThrownBy(() -> new Webhook(old).verify(after.body(), after.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rotationAcceptsASuppliedSecretAndAZeroGracePeriodEndsTheOldOneAtOnce() throws Exception {
        Endpoint endpoint = endpoint("/supplied", EndpointIn.builder(receiver.url("/supplied")));
        String old = client.endpoints().secret("sec", endpoint.id()).key();
        String mine =
                "whsec_" + Base64.getEncoder().encodeToString(new byte[48]).replace('A', 'Q');

        client.endpoints().rotateSecret("sec", endpoint.id(), new SecretRotateIn(mine, 0L));

        assertThat(client.endpoints().secret("sec", endpoint.id())).isEqualTo(new EndpointSecret(mine, "hmac"));
        TestReceiver.Received delivery = deliver("/supplied");
        new Webhook(mine).verify(delivery.body(), delivery.headers());
        assertThatThrownBy(() -> new Webhook(old).verify(delivery.body(), delivery.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void ed25519SecretSuppliedAtCreationSignsV1aAndOnlyItsPublicKeyIsShown() throws Exception {
        // given an endpoint created with the tenant's own Ed25519 key
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        Endpoint endpoint =
                endpoint("/ed-own", EndpointIn.builder(receiver.url("/ed-own")).secret(pair.secretKey()));

        // then GET secret answers the public key, never the signing key
        EndpointSecret shown = client.endpoints().secret("sec", endpoint.id());
        assertThat(shown).isEqualTo(new EndpointSecret(pair.publicKey(), "ed25519"));
        String raw = app.raw()
                .call("GET", "/v1/tenants/sec/endpoints/" + endpoint.id() + "/secret", TestApp.ADMIN_KEY, null)
                .body();
        assertThat(raw).doesNotContain(pair.secretKey().substring(5));

        // and deliveries carry a v1a signature that the public key verifies
        TestReceiver.Received delivery = deliver("/ed-own");
        assertThat(delivery.header("webhook-signature")).startsWith("v1a,").doesNotContain(" ");
        new Webhook(pair.publicKey()).verify(delivery.body(), delivery.headers());
    }

    @Test
    void generatedEd25519SecretAndARotationFromHmacSignWithBothKinds() throws Exception {
        // given an endpoint that asked for a generated Ed25519 secret
        Endpoint generated =
                endpoint("/ed-gen", EndpointIn.builder(receiver.url("/ed-gen")).secretType("ed25519"));
        EndpointSecret publicKey = client.endpoints().secret("sec", generated.id());
        assertThat(publicKey.type()).isEqualTo("ed25519");
        assertThat(publicKey.key()).startsWith("whpk_");
        TestReceiver.Received signed = deliver("/ed-gen");
        new Webhook(publicKey.key()).verify(signed.body(), signed.headers());

        // when an HMAC endpoint rotates to Ed25519 with a grace period
        Endpoint hmac = endpoint("/to-ed", EndpointIn.builder(receiver.url("/to-ed")));
        String old = client.endpoints().secret("sec", hmac.id()).key();
        EndpointSecret next = client.endpoints()
                .rotateSecret("sec", hmac.id(), new SecretRotateIn(null, 60L, "ed25519"))
                .orElseThrow();

        // then deliveries carry both a v1 and a v1a signature, each verifiable
        TestReceiver.Received both = deliver("/to-ed");
        assertThat(both.header("webhook-signature").split(" "))
                .extracting(s -> s.substring(0, s.indexOf(',')))
                .containsExactlyInAnyOrder("v1", "v1a");
        new Webhook(old).verify(both.body(), both.headers());
        new Webhook(next.key()).verify(both.body(), both.headers());

        // and a rotation without a type keeps the current type
        EndpointSecret again = client.endpoints()
                .rotateSecret("sec", hmac.id(), new SecretRotateIn(null, 0L))
                .orElseThrow();
        assertThat(again.type()).isEqualTo("ed25519");
        assertThat(again.key()).startsWith("whpk_").isNotEqualTo(next.key());
    }

    @Test
    void secretsAreEncryptedAtRestUnderTheConfiguredKey() {
        // given endpoints whose secrets are known
        byte[] hmacKey = new byte[32];
        new java.security.SecureRandom().nextBytes(hmacKey);
        String hmac = "whsec_" + Base64.getEncoder().encodeToString(hmacKey);
        Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
        byte[] seed = Base64.getDecoder().decode(pair.secretKey().substring(5));
        Endpoint a =
                endpoint("/rest-a", EndpointIn.builder(receiver.url("/rest-a")).secret(hmac));
        Endpoint b =
                endpoint("/rest-b", EndpointIn.builder(receiver.url("/rest-b")).secret(pair.secretKey()));

        // when the endpoint_secrets rows are read as stored
        List<Map<String, Object>> rows = app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT endpoint_id, kind, key_id, ciphertext, public_key, s::text AS row_text
                FROM endpoint_secrets s WHERE endpoint_id IN (<ids>)
                """)
                        .bindList("ids", List.of(a.id(), b.id()))
                        .mapToMap()
                        .list());

        // then neither key appears in any form, and each row names the master key that decrypts it
        byte[] master = Base64.getDecoder().decode(app.config().security.encryptionKey);
        SecretBox box = new SecretBox(master);
        assertThat(rows).hasSize(2);
        for (Map<String, Object> row : rows) {
            byte[] plain = row.get("endpoint_id").equals(a.id()) ? hmacKey : seed;
            byte[] ciphertext = (byte[]) row.get("ciphertext");
            String text = (String) row.get("row_text");
            assertThat(indexOf(ciphertext, plain)).isEqualTo(-1);
            assertThat(text)
                    .doesNotContain(HexFormat.of().formatHex(plain))
                    .doesNotContain(Base64.getEncoder().encodeToString(plain));
            assertThat(row.get("key_id")).isEqualTo(SecretBox.keyIdOf(master));
            assertThat(box.decrypt((String) row.get("key_id"), ciphertext)).isEqualTo(plain);
            assertThat(ciphertext.length).isEqualTo(12 + plain.length + 16); // nonce, AES-GCM output, tag
        }
        assertThat(rows)
                .filteredOn(r -> r.get("endpoint_id").equals(b.id()))
                .singleElement()
                .satisfies(r ->
                        assertThat(r).containsEntry("kind", "ed25519").containsEntry("public_key", pair.publicKey()));
    }

    @Test
    void badRotationsAreRefusedNamingTheField() {
        Endpoint endpoint = endpoint("/bad", EndpointIn.builder(receiver.url("/bad")));
        String path = "/v1/tenants/sec/endpoints/" + endpoint.id() + "/secret/rotate";
        RawHttp http = app.raw();
        Map<String, String> cases = Map.of(
                "{\"gracePeriodSeconds\":604801}",
                "gracePeriodSeconds",
                "{\"gracePeriodSeconds\":-1}",
                "gracePeriodSeconds",
                "{\"key\":\"whsec_c2hvcnQ=\"}",
                "key",
                "{\"key\":\"" + Webhook.generateSecret() + "\",\"type\":\"ed25519\"}",
                "type",
                "{\"type\":\"rsa\"}",
                "type",
                "{\"grace\":1}",
                "grace");
        cases.forEach((body, field) -> {
            RawHttp.Response response = http.call("POST", path, TestApp.ADMIN_KEY, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.fields()).as(body).containsExactly(field);
        });
        String before = client.endpoints().secret("sec", endpoint.id()).key();
        assertThat(http.call("POST", path, TestApp.ADMIN_KEY, "{\"gracePeriodSeconds\":604800}")
                        .status())
                .isEqualTo(200);
        assertThat(http.call("POST", path, TestApp.ADMIN_KEY, null).status()).isEqualTo(200);
        assertThat(client.endpoints().secret("sec", endpoint.id()).key()).isNotEqualTo(before);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
