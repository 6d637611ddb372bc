package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.ConflictException;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Did my customer get event X, and if not, why?" answered in one call, and fixed in one more, end to end. */
class ResendAndRecoverTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.retrySchedule = "0s,50ms";
        c.delivery.perEndpointInFlight = 1;
    });

    static final TestReceiver receiver = TestReceiver.start();
    static volatile boolean healthy;

    static {
        receiver.otherwiseAnswer(r -> healthy
                ? TestReceiver.Answer.status(200)
                : TestReceiver.Answer.status(500).withBody("down for maintenance".getBytes()));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aFailedDeliveryIsExplainedByItsDeliveryAndAttemptsAndFixedByOneResend() throws Exception {
        // given a message whose every scheduled attempt failed
        healthy = false;
        HooklineClient client = tenant("acme");
        Endpoint endpoint = client.endpoints()
                .create(
                        "acme",
                        EndpointIn.builder(receiver.url("/acme"))
                                .headers(Map.of("Authorization", "Bearer receiver-token"))
                                .build());
        Message message = client.messages()
                .send(
                        "acme",
                        MessageIn.of(
                                "invoice.paid",
                                new com.fasterxml.jackson.databind.ObjectMapper()
                                        .createObjectNode()
                                        .put("invoice", 42)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> delivery(client, "acme", message.id()).status().equals("failed"));

        // then the delivery says why, in one call
        Delivery failed = delivery(client, "acme", message.id());
        assertThat(failed.endpointId()).isEqualTo(endpoint.id());
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastStatusCode()).isEqualTo(500);
        assertThat(failed.lastError()).isEqualTo("HTTP 500");
        assertThat(failed.nextAttemptAt()).isNull();
        // and each attempt shows what was sent and answered, with signatures and credentials redacted
        List<Attempt> attempts = client.attempts()
                .list(
                        "acme",
                        AttemptListParams.builder().messageId(message.id()).build())
                .data();
        assertThat(attempts).extracting(Attempt::attemptNumber).containsExactly(2, 1);
        Attempt first = client.attempts().get("acme", attempts.get(1).id());
        assertThat(first.responseBody()).isEqualTo("down for maintenance");
        assertThat(first.requestHeaders())
                .containsEntry("webhook-id", message.id())
                .containsEntry("webhook-signature", "v1,<redacted>")
                .containsEntry("Authorization", "<redacted>")
                .containsEntry("content-type", "application/json")
                .containsKey("webhook-timestamp");
        assertThat(first.requestHeaders().get("user-agent")).startsWith("Hookline/");

        // when the receiver is fixed and the message is resent
        healthy = true;
        receiver.reset();
        receiver.otherwiseAnswer(r -> TestReceiver.Answer.status(200));
        Attempt resent =
                client.messages().resend("acme", message.id(), endpoint.id()).orElseThrow();

        // then one manual attempt was made, now, and it settled the delivery
        assertThat(resent.trigger()).isEqualTo("manual");
        assertThat(resent.status()).isEqualTo("succeeded");
        assertThat(resent.attemptNumber()).isEqualTo(3);
        assertThat(resent.responseStatusCode()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(1);
        TestReceiver.Received arrived = receiver.received().get(0);
        assertThat(arrived.header("webhook-id")).isEqualTo(message.id());
        new Webhook(client.endpoints().secret("acme", endpoint.id()).key()).verify(arrived.body(), arrived.headers());
        Delivery settled = delivery(client, "acme", message.id());
        assertThat(settled.status()).isEqualTo("succeeded");
        assertThat(settled.attempts()).isEqualTo(3);
        assertThat(settled.lastStatusCode()).isEqualTo(200);

        // and a resend of a delivery that already succeeded makes one more attempt all the same
        Attempt again =
                client.messages().resend("acme", message.id(), endpoint.id()).orElseThrow();
        assertThat(again.attemptNumber()).isEqualTo(4);
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void resendingToADisabledEndpointIsAConflictThatSaysSo() {
        HooklineClient client = tenant("initech");
        Endpoint endpoint = client.endpoints()
                .create("initech", EndpointIn.builder(receiver.url("/initech")).build());
        Message message = client.messages()
                .send(
                        "initech",
                        MessageIn.of(
                                "user.created", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()));
        client.endpoints().update("initech", endpoint.id(), patchDisabled(true));

        assertThatThrownBy(() -> client.messages().resend("initech", message.id(), endpoint.id()))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.errorMessage())
                                .contains("endpoint is disabled")
                                .contains("re-enable"));
    }

    @Test
    void recoverRequeuesFailedDeliveriesInCreationOrderOnceTheEndpointIsReEnabled() throws Exception {
        // given three messages that failed to reach an endpoint
        healthy = false;
        HooklineClient client = tenant("globex");
        Endpoint endpoint = client.endpoints()
                .create("globex", EndpointIn.builder(receiver.url("/globex")).build());
        Instant since = Instant.now().minusSeconds(1);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(client.messages()
                    .send(
                            "globex",
                            MessageIn.of(
                                    "order.shipped",
                                    new com.fasterxml.jackson.databind.ObjectMapper()
                                            .createObjectNode()
                                            .put("n", i)))
                    .id());
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sent.stream()
                        .allMatch(m -> delivery(client, "globex", m).status().equals("failed")));
        // and the endpoint was disabled meanwhile
        client.endpoints().update("globex", endpoint.id(), patchDisabled(true));
        assertThatThrownBy(() -> client.endpoints().recover("globex", endpoint.id(), since, null))
                .isInstanceOf(ConflictException.class);

        // when it is re-enabled, fixed, and recovered
        client.endpoints().update("globex", endpoint.id(), patchDisabled(false));
        healthy = true;
        int before = receiver.receivedOn("/globex").size();
        int queued =
                client.endpoints().recover("globex", endpoint.id(), since, null).queued();

        // then every failed delivery went out again and succeeded (queued oldest first; with two consumer loops the
        // arrival order is not guaranteed, see docs/delivery.md)
        assertThat(queued).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sent.stream()
                        .allMatch(m -> delivery(client, "globex", m).status().equals("succeeded")));
        List<String> redelivered = receiver.receivedOn("/globex").subList(before, before + 3).stream()
                .map(r -> r.header("webhook-id"))
                .toList();
        assertThat(redelivered).containsExactlyInAnyOrderElementsOf(sent);
        // and nothing is left to recover
        assertThat(client.endpoints()
                        .recover("globex", endpoint.id(), since, null)
                        .queued())
                .isZero();
    }

    @Test
    void recoverWithoutSinceIsA400NamingSince() throws Exception {
        HooklineClient client = tenant("umbrella");
        Endpoint endpoint = client.endpoints()
                .create(
                        "umbrella",
                        EndpointIn.builder(receiver.url("/umbrella")).build());
        for (String body : List.of(
                "{}",
                "{\"since\":\"yesterday\"}",
                "{\"since\":\"2030-01-02T00:00:00Z\",\"until\":\"2030-01-01T00:00:00Z\"}")) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/umbrella/endpoints/"
                                            + endpoint.id() + "/recover"))
                                    .header("Authorization", "Bearer " + TestApp.ADMIN_KEY)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).containsAnyOf("\"field\":\"since\"", "\"field\":\"until\"");
        }
    }

    private static HooklineClient tenant(String uid) {
        HooklineClient admin = app.adminClient();
        admin.tenants().create(new TenantIn(uid, uid, null));
        return app.client(admin.apiKeys().create(uid, new ApiKeyIn("ops")).key());
    }

    private static Delivery delivery(HooklineClient client, String tenant, String messageId) {
        return client.messages().deliveries(tenant, messageId).data().get(0);
    }

    private static EndpointPatch patchDisabled(boolean disabled) {
        return new EndpointPatch(null, null, null, null, null, disabled, null, null, null);
    }
}
