package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The thin slice: tenant, key, endpoint, one message, one signed delivery, one logged attempt. */
class OneMessageEndToEndTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final TestReceiver receiver = TestReceiver.start();

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversTheExactBytesOnceWithAVerifiableSignatureAndLogsTheAttempt() throws Exception {
        // given a tenant with an API key and one endpoint
        HooklineClient admin = app.adminClient();
        admin.tenants().create(new TenantIn("Acme", "acme", null));
        ApiKeyCreated key = admin.apiKeys().create("acme", new ApiKeyIn("backend"));
        HooklineClient tenant = app.client(key.key());
        var endpoint = tenant.endpoints()
                .create("acme", EndpointIn.builder(receiver.url("/hooks")).build());
        String secret = tenant.endpoints().secret("acme", endpoint.id()).key();
        assertThat(secret).startsWith("whsec_");

        // when a message is sent with unusual but valid whitespace in its payload
        String payload = "{\"b\": 1,  \"a\":[true, null],\"s\":\"\\u00e9\"}";
        String body = "{\"eventType\":\"user.created\",\"payload\":" + payload + "}";
        HttpResponse<String> sent = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/acme/messages"))
                                .header("Authorization", "Bearer " + key.key())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // then it is accepted with a message id
        assertThat(sent.statusCode()).isEqualTo(202);
        JsonNode message = new ObjectMapper().readTree(sent.body());
        String messageId = message.get("id").asText();
        assertThat(messageId).startsWith("msg_");

        // and arrives byte for byte, signed
        await().atMost(Duration.ofSeconds(20)).until(() -> !arrivals(messageId).isEmpty());
        TestReceiver.Received delivery = arrivals(messageId).get(0);
        assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(delivery.header("content-type")).startsWith("application/json");
        assertThat(delivery.header("user-agent")).startsWith("Hookline/");
        assertThat(delivery.header("webhook-signature")).startsWith("v1,");
        new Webhook(secret).verify(delivery.body(), delivery.headers());

        // and the delivery is finished (nothing retries a succeeded one) with its attempt in the log
        await().atMost(Duration.ofSeconds(10))
                .until(() -> attempts(tenant, messageId).size() == 1);
        assertThat(tenant.messages().deliveries("acme", messageId).data())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo("succeeded");
                    assertThat(d.attempts()).isEqualTo(1);
                });
        Attempt attempt = attempts(tenant, messageId).get(0);
        assertThat(attempt.responseStatusCode()).isEqualTo(200);
        assertThat(attempt.status()).isEqualTo("succeeded");
        assertThat(attempt.attemptNumber()).isEqualTo(1);
        assertThat(attempt.endpointId()).isEqualTo(endpoint.id());

        // and it arrived only once: a second message to the same endpoint, sent once the first is finished, goes
        // through the same queue behind anything left of the first (a second entry, a retry), and is logged after it
        String next = tenant.messages()
                .send("acme", MessageIn.of("user.created", JsonNodeFactory.instance.objectNode()))
                .id();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        !arrivals(next).isEmpty() && !attempts(tenant, next).isEmpty());
        assertThat(arrivals(messageId)).hasSize(1);
        assertThat(attempts(tenant, messageId)).hasSize(1);
    }

    private static List<TestReceiver.Received> arrivals(String messageId) {
        return receiver.received().stream()
                .filter(r -> messageId.equals(r.header("webhook-id")))
                .toList();
    }

    private static List<Attempt> attempts(HooklineClient tenant, String messageId) {
        return tenant.attempts()
                .list("acme", AttemptListParams.builder().messageId(messageId).build())
                .data();
    }
}
