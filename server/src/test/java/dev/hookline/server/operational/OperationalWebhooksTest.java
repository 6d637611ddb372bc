package dev.hookline.server.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.operational.OperationalInbox.Event;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operational webhooks end to end, against real receivers: each change of a tenant's endpoint or delivery reaches the
 * operator's operational endpoint exactly once, signed with that endpoint's secret, and the operator's own endpoints
 * never report on themselves nor touch a tenant's.
 */
class OperationalWebhooksTest {
    /** Five attempts: failing is reported after the fourth failure, exhaustion after the fifth. */
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s,50ms,50ms,50ms,50ms");

    @AutoClose
    static final TestReceiver operator = TestReceiver.start();

    static final OperationalInbox inbox = new OperationalInbox(operator, "/ops");
    static Endpoint ops;
    static String opsSecret;

    @BeforeAll
    static void anOperationalEndpoint() {
        HooklineClient admin = app.adminClient();
        ops = admin.operationalEndpoints()
                .create(EndpointIn.builder(operator.url("/ops")).uid("ops").build());
        opsSecret = admin.operationalEndpoints().secret("ops").key();
    }

    @Test
    void a410DisablesTheEndpointAndTheOperatorHearsOfItOnceSignedWithItsSecret() {
        // given a tenant's endpoint that answers 410 Gone
        try (TestReceiver tenant = TestReceiver.start().otherwiseAnswer(r -> Answer.status(410))) {
            Scenario s = Scenario.tenant(app, "gone");
            Endpoint endpoint = s.endpoint(
                    EndpointIn.builder(tenant.url("/hook")).uid("main").build());

            // when messages are sent to it
            for (int i = 0; i < 3; i++) {
                s.send("invoice.paid", "{\"n\":" + i + "}");
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> s.reload(endpoint).disabled());
            OperationalInbox.awaitSettled(app);

            // then the operational endpoint received one endpoint.disabled, which the reference library verifies
            List<Event> disabled = inbox.about(endpoint.id()).stream()
                    .filter(e -> e.type().equals("endpoint.disabled"))
                    .toList();
            assertThat(disabled).hasSize(1);
            JsonNode data = disabled.get(0).data();
            assertThat(data.path("tenantId").asText()).isEqualTo(tenantId(s));
            assertThat(data.path("tenantUid").asText()).isEqualTo("gone");
            assertThat(data.path("endpointUid").asText()).isEqualTo("main");
            assertThat(data.path("trigger").asText()).isEqualTo("automatic");
            assertThat(data.path("reason").asText()).isEqualTo("endpoint answered 410 Gone");
            assertThat(Instant.parse(data.path("failSince").asText())).isBefore(Instant.now());
            // a 410 reports the endpoint, not each delivery it failed
            assertThat(inbox.typesAbout(endpoint.id())).containsExactly("endpoint.created", "endpoint.disabled");
            assertVerifiedWithTheOperationalSecret(disabled.get(0).request());
        }
    }

    @Test
    void fourFailuresReportFailingOnceAndALaterSuccessReportsRecovered() {
        // given an endpoint that fails four times and then answers 200
        try (TestReceiver tenant = TestReceiver.start()
                .thenAnswer(Answer.status(500), Answer.status(500), Answer.status(503), Answer.status(500))) {
            Scenario s = Scenario.tenant(app, "flaky");
            Endpoint endpoint = s.endpoint(tenant.url("/hook"));

            // when one message is sent
            Message message = s.send(MessageIn.builder("invoice.paid", Scenario.payload("{\"a\":1}"))
                    .eventId("evt-flaky")
                    .build());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> s.delivery(message.id()).status().equals("succeeded"));
            OperationalInbox.awaitSettled(app);

            // then one failing after the fourth failure, one recovered with the success
            List<Attempt> attempts = s.attempts(message.id());
            assertThat(attempts).hasSize(5);
            assertThat(inbox.typesAbout(endpoint.id()))
                    .containsExactly("endpoint.created", "message.attempt.failing", "message.attempt.recovered");
            JsonNode failing = only(endpoint, "message.attempt.failing");
            assertThat(failing.path("messageId").asText()).isEqualTo(message.id());
            assertThat(failing.path("eventId").asText()).isEqualTo("evt-flaky");
            assertThat(failing.path("tenantUid").asText()).isEqualTo("flaky");
            assertThat(failing.path("endpointUid").isNull()).isTrue();
            assertThat(failing.path("lastAttempt").path("id").asText())
                    .isEqualTo(attempts.get(3).id());
            assertThat(failing.path("lastAttempt").path("responseStatusCode").asInt())
                    .isEqualTo(500);
            JsonNode recovered = only(endpoint, "message.attempt.recovered");
            assertThat(recovered.path("lastAttempt").path("id").asText())
                    .isEqualTo(attempts.get(4).id());
            assertThat(recovered.path("lastAttempt").path("responseStatusCode").asInt())
                    .isEqualTo(200);
            Instant fifth = attempts.get(4).createdAt();
            assertThat(Instant.parse(
                            recovered.path("lastAttempt").path("timestamp").asText()))
                    .isBetween(fifth.minusMillis(1), fifth.plusMillis(1));
        }
    }

    @Test
    void exhaustionIsReportedOnceAfterTheFailingEvent() {
        // given an endpoint that always fails
        try (TestReceiver tenant = TestReceiver.start().otherwiseAnswer(r -> Answer.status(500))) {
            Scenario s = Scenario.tenant(app, "broken");
            Endpoint endpoint = s.endpoint(tenant.url("/hook"));

            // when two messages use up their five attempts
            Message first = s.send("invoice.paid", "{}");
            Message second = s.send("invoice.paid", "{}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> s.delivery(first.id()).status().equals("failed")
                            && s.delivery(second.id()).status().equals("failed"));
            OperationalInbox.awaitSettled(app);

            // then each message is reported failing once and exhausted once, in that order
            for (Message m : List.of(first, second)) {
                List<String> types = inbox.about(endpoint.id()).stream()
                        .filter(e -> e.data().path("messageId").asText().equals(m.id()))
                        .map(Event::type)
                        .toList();
                assertThat(types).containsExactly("message.attempt.failing", "message.attempt.exhausted");
            }
            JsonNode exhausted = inbox.about(endpoint.id()).stream()
                    .filter(e -> e.type().equals("message.attempt.exhausted")
                            && e.data().path("messageId").asText().equals(first.id()))
                    .findFirst()
                    .orElseThrow()
                    .data();
            assertThat(exhausted.path("lastAttempt").path("id").asText())
                    .isEqualTo(s.attempts(first.id()).get(4).id());
            assertThat(s.reload(endpoint).disabled()).isFalse();
        }
    }

    @Test
    void eachChangeOfAnEndpointIsReportedOnce() {
        // given a tenant's endpoint
        Scenario s = Scenario.tenant(app, "lifecycle");
        Endpoint endpoint = s.endpoint(
                EndpointIn.builder("http://127.0.0.1:9/hook").uid("life").build());
        String tenant = s.tenant();

        // when it is changed, disabled (twice), enabled and deleted
        s.client().endpoints().update(tenant, "life", patch(null, "new description"));
        s.client().endpoints().update(tenant, "life", patch(true, null));
        s.client().endpoints().update(tenant, "life", patch(true, null));
        s.client().endpoints().update(tenant, "life", patch(false, null));
        s.client().endpoints().delete(tenant, "life");
        OperationalInbox.awaitSettled(app);

        // then each change arrived once, in order; the second disable changed nothing and reported nothing
        assertThat(inbox.typesAbout(endpoint.id()))
                .containsExactly(
                        "endpoint.created",
                        "endpoint.updated",
                        "endpoint.disabled",
                        "endpoint.enabled",
                        "endpoint.deleted");
        JsonNode disabled = only(endpoint, "endpoint.disabled");
        assertThat(disabled.path("trigger").asText()).isEqualTo("manual");
        assertThat(disabled.path("reason").asText()).isEqualTo("disabled by the tenant");
        assertThat(disabled.path("failSince").isNull()).isTrue();
        assertThat(only(endpoint, "endpoint.deleted").path("endpointUid").asText())
                .isEqualTo("life");
        inbox.about(endpoint.id()).forEach(e -> assertVerifiedWithTheOperationalSecret(e.request()));
    }

    @Test
    void aFailingOperationalEndpointReportsNothingOfItselfAndTouchesNoTenantEndpoint() {
        // given a second operational endpoint, for endpoint.created only, that always answers 500
        try (TestReceiver dead = TestReceiver.start().otherwiseAnswer(r -> Answer.status(500))) {
            HooklineClient admin = app.adminClient();
            Endpoint deadOps = admin.operationalEndpoints()
                    .create(EndpointIn.builder(dead.url("/dead"))
                            .eventTypes(List.of("endpoint.created"))
                            .build());

            // when a tenant's endpoints are created and their events to it fail every attempt
            Scenario s = Scenario.tenant(app, "unbothered");
            Endpoint first = s.endpoint("http://127.0.0.1:9/one");
            Endpoint second = s.endpoint("http://127.0.0.1:9/two");
            s.client().endpoints().update(s.tenant(), first.id(), patch(null, "changed"));
            OperationalInbox.awaitSettled(app);

            // then it was tried the scheduled five times per event, for the events its filter admits only
            List<Attempt> attempts = admin.operationalEndpoints()
                    .attempts(
                            deadOps.id(), AttemptListParams.builder().limit(250).build())
                    .data();
            assertThat(attempts).hasSize(10).allSatisfy(a -> {
                assertThat(a.eventType()).isEqualTo("endpoint.created");
                assertThat(a.status()).isEqualTo("failed");
            });
            assertThat(dead.received()).hasSameSizeAs(attempts);
            // and nothing was reported about the operator's own endpoints or deliveries
            assertThat(OperationalInbox.stored(app))
                    .noneMatch(e -> e.path("data").path("tenantId").asText().equals(OperatorTenant.ID));
            assertThat(inbox.about(deadOps.id())).isEmpty();
            // and the tenant's endpoints are as they were, and the other operational endpoint heard of them
            assertThat(s.reload(first).disabled()).isFalse();
            assertThat(s.reload(second).disabled()).isFalse();
            assertThat(inbox.typesAbout(first.id())).containsExactly("endpoint.created", "endpoint.updated");
            admin.operationalEndpoints().delete(deadOps.id());
        }
    }

    @Test
    void operationalEndpointsFollowTheEndpointRulesAndStayOffTenantRoutes() {
        RawHttp http = app.raw();

        // an invalid URL is refused as for a tenant's endpoint, naming the field
        RawHttp.Response refused =
                http.call("POST", "/v1/operational-endpoints", TestApp.ADMIN_KEY, "{\"url\":\"ftp://x\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"url\"");

        // and the operator's tenant is found by no tenant route, not even with the admin key
        for (String path : List.of(
                "/v1/tenants/" + OperatorTenant.ID,
                "/v1/tenants/" + OperatorTenant.ID + "/endpoints",
                "/v1/tenants/" + OperatorTenant.ID + "/endpoints/" + ops.id(),
                "/v1/tenants/" + OperatorTenant.ID + "/attempts",
                "/v1/tenants/" + OperatorTenant.ID + "/api-keys")) {
            assertThat(http.call("GET", path, TestApp.ADMIN_KEY, null).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(app.adminClient().tenants().listAll())
                .extracting(t -> t.id())
                .doesNotContain(OperatorTenant.ID);
        assertThat(http.call("POST", "/v1/tenants/" + OperatorTenant.ID + "/api-keys", TestApp.ADMIN_KEY, "{}")
                        .status())
                .isEqualTo(404);
    }

    private static JsonNode only(Endpoint endpoint, String type) {
        List<Event> events = inbox.about(endpoint.id()).stream()
                .filter(e -> e.type().equals(type))
                .toList();
        assertThat(events).as(type).hasSize(1);
        return events.get(0).data();
    }

    private static EndpointPatch patch(Boolean disabled, String description) {
        return new EndpointPatch(null, null, description, null, null, disabled, null, null, null);
    }

    private static String tenantId(Scenario s) {
        return app.adminClient().tenants().get(s.tenant()).id();
    }

    private static void assertVerifiedWithTheOperationalSecret(TestReceiver.Received request) {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThatCode(() -> new com.standardwebhooks.Webhook(opsSecret).verify(body, request.headers()))
                .as("%s signed %s", body, request.header("webhook-signature"))
                .doesNotThrowAnyException();
    }
}
