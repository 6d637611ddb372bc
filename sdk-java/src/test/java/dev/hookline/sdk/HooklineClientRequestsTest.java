package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EndpointSecret;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageBatchOut;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.sdk.model.SendExampleIn;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.sdk.model.TenantPatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each call reaches the documented method and path, with the expected headers, query and JSON. */
class HooklineClientRequestsTest {
    private static final String TENANT_JSON = """
            {"id":"tnt_1","uid":"acme","name":"Acme","metadata":{"plan":"pro"},
             "createdAt":"2024-05-01T10:00:00Z","updatedAt":"2024-05-01T10:00:01.5Z","someFutureField":[1,2]}""";
    private static final String MESSAGE_JSON = """
            {"id":"msg_1","eventType":"invoice.paid","eventId":"evt-9","payload":{"amount":1999},
             "channels":["eu"],"createdAt":"2024-05-01T10:00:00Z"}""";
    private static final String ATTEMPT_JSON = """
            {"id":"atm_1","messageId":"msg_1","endpointId":"ep_1","attemptNumber":2,"trigger":"manual",
             "url":"https://r.example/h","status":"failed","responseStatusCode":503,"responseBody":"busy",
             "durationMs":120,"error":null,"createdAt":"2024-05-01T10:00:00Z"}""";

    private final FakeHookline server = new FakeHookline();
    private final HooklineClient client = server.client(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsBearerKeyUserAgentAndJsonContentType() {
        server.answer(201, TENANT_JSON);
        HooklineClient custom = HooklineClient.builder()
                .baseUrl(server.url() + "/")
                .apiKey("hk_abc")
                .userAgentSuffix("billing/2.3")
                .build();

        custom.tenants().create(TenantIn.of("Acme"));

        FakeHookline.Recorded r = server.lastRequest();
        assertThat(r.header("Authorization")).isEqualTo("Bearer hk_abc");
        assertThat(r.header("User-Agent")).isEqualTo("hookline-java/" + HooklineClient.VERSION + " billing/2.3");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.path()).isEqualTo("/v1/tenants");
    }

    @Test
    void decodesIsoInstantsAndIgnoresUnknownFields() {
        server.answer(200, TENANT_JSON);

        Tenant tenant = client.tenants().get("acme");

        assertThat(tenant.createdAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(tenant.updatedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:01.500Z"));
        assertThat(tenant.metadata()).containsEntry("plan", "pro");
        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme");
    }

    @Test
    void patchesOnlyTheFieldsThatAreSet() throws Exception {
        server.answer(200, TENANT_JSON);

        client.tenants().update("tnt_1", new TenantPatch("Acme Inc.", null, null));

        FakeHookline.Recorded r = server.lastRequest();
        assertThat(r.method()).isEqualTo("PATCH");
        assertThat(r.path()).isEqualTo("/v1/tenants/tnt_1");
        assertThat(json.readTree(r.body())).isEqualTo(json.readTree("{\"name\":\"Acme Inc.\"}"));
        assertThat(r.header("Idempotency-Key")).isNull();
    }

    @Test
    void listsWithLimitAndIteratorAndLeavesOutAbsentParameters() {
        server.answer(200, "{\"data\":[" + TENANT_JSON + "],\"iterator\":\"it_2\",\"done\":false}");
        server.answer(200, "{\"data\":[],\"iterator\":null,\"done\":true}");

        Page<Tenant> page = client.tenants().list(10, "it_1");
        client.tenants().list();

        assertThat(page.data()).extracting(Tenant::id).containsExactly("tnt_1");
        assertThat(page.iterator()).isEqualTo("it_2");
        assertThat(page.done()).isFalse();
        assertThat(server.requests().get(0).query()).isEqualTo("limit=10&iterator=it_1");
        assertThat(server.requests().get(1).query()).isNull();
    }

    @Test
    void deletesAndAnswersNothing() {
        server.answer(204, null);

        client.tenants().delete("tnt_1");

        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/tnt_1");
    }

    @Test
    void encodesASlashInAnIdInsteadOfChangingThePath() {
        server.answer(200, TENANT_JSON);

        client.tenants().get("a/b c");

        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/a%2Fb%20c");
    }

    @Test
    void createsAnApiKeyAndHidesItInToString() {
        server.answer(
                201,
                "{\"id\":\"key_1\",\"name\":\"ci\",\"prefix\":\"hk_12\",\"key\":\"hk_1234secret\",\"createdAt\":\"2024-05-01T10:00:00Z\"}");

        ApiKeyCreated created = client.apiKeys().create("acme", new ApiKeyIn("ci"));

        assertThat(created.key()).isEqualTo("hk_1234secret");
        assertThat(created.toString()).doesNotContain("hk_1234secret");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/api-keys");
        assertThat(server.lastRequest().header("Idempotency-Key")).isNotBlank();
    }

    @Test
    void revokesAnApiKey() {
        server.answer(204, null);
        client.apiKeys().delete("acme", "key_1");
        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/api-keys/key_1");
    }

    @Test
    void createsAnEventType() throws Exception {
        server.answer(201, "{\"name\":\"invoice.paid\",\"description\":\"paid\",\"archived\":false}");

        client.eventTypes().create(EventTypeIn.of("invoice.paid", "paid"));

        assertThat(server.lastRequest().path()).isEqualTo("/v1/event-types");
        assertThat(json.readTree(server.lastRequest().body()))
                .isEqualTo(json.readTree("{\"name\":\"invoice.paid\",\"description\":\"paid\"}"));
    }

    @Test
    void createsAnEventTypeWithItsSchemaAndExamplesAndReadsThemBack() throws Exception {
        server.answer(201, """
                {"name":"invoice.paid","description":"","schema":{"type":"object"},"examples":[{"a":1}],
                 "archived":false,"deprecated":true,"group":"billing","validatePayloads":true}""");

        var created = client.eventTypes()
                .create(EventTypeIn.builder("invoice.paid")
                        .schema(json.readTree("{\"type\":\"object\"}"))
                        .examples(List.of(json.readTree("{\"a\":1}")))
                        .group("billing")
                        .validatePayloads(true)
                        .build());

        assertThat(json.readTree(server.lastRequest().body())).isEqualTo(json.readTree("""
                        {"name":"invoice.paid","schema":{"type":"object"},"examples":[{"a":1}],"group":"billing",
                         "validatePayloads":true}"""));
        assertThat(created.examples()).containsExactly(json.readTree("{\"a\":1}"));
        assertThat(created.deprecated()).isTrue();
        assertThat(created.validatePayloads()).isTrue();
    }

    @Test
    void exportsAndImportsTheCatalogueAsOpenApi() throws Exception {
        server.answer(200, "{\"openapi\":\"3.1.0\",\"webhooks\":{}}").answer(200, "{\"data\":[]}");

        var document = client.eventTypes().exportOpenApi();
        var imported = client.eventTypes().importOpenApi(document);

        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(imported.data()).isEmpty();
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/event-types/export/openapi");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/event-types/import/openapi");
        assertThat(json.readTree(server.requests().get(1).body())).isEqualTo(document);
    }

    @Test
    void sendsAnExampleToOneEndpoint() throws Exception {
        server.answer(201, ATTEMPT_JSON);

        Attempt attempt = client.endpoints().sendExample("acme", "ep_1", SendExampleIn.of("invoice.paid"));

        assertThat(attempt.responseStatusCode()).isEqualTo(503);
        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/endpoints/ep_1/send-example");
        assertThat(json.readTree(server.lastRequest().body()))
                .isEqualTo(json.readTree("{\"eventType\":\"invoice.paid\"}"));
    }

    @Test
    void createsAndUpdatesAnEndpoint() throws Exception {
        String endpointJson = """
                {"id":"ep_1","url":"https://r.example/h","eventTypes":["invoice.paid"],"disabled":false,
                 "createdAt":"2024-05-01T10:00:00Z"}""";
        server.answer(201, endpointJson).answer(200, endpointJson);

        Endpoint created = client.endpoints()
                .create(
                        "acme",
                        EndpointIn.builder("https://r.example/h")
                                .eventTypes(List.of("invoice.paid"))
                                .build());
        client.endpoints()
                .update("acme", "ep_1", new EndpointPatch(null, null, null, null, null, false, null, null, null));

        assertThat(created.eventTypes()).containsExactly("invoice.paid");
        assertThat(created.channels()).isEmpty();
        assertThat(json.readTree(server.requests().get(0).body()))
                .isEqualTo(json.readTree("{\"url\":\"https://r.example/h\",\"eventTypes\":[\"invoice.paid\"]}"));
        assertThat(server.requests().get(1).method()).isEqualTo("PATCH");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/tenants/acme/endpoints/ep_1");
        assertThat(server.requests().get(1).body()).isEqualTo("{\"disabled\":false}");
    }

    @Test
    void readsAndRotatesTheSecretAcceptingBothAnswers() throws Exception {
        server.answer(200, "{\"key\":\"whsec_abc\"}").answer(204, null).answer(200, "{\"key\":\"whsec_new\"}");

        EndpointSecret secret = client.endpoints().secret("acme", "ep_1");
        Optional<EndpointSecret> noBody =
                client.endpoints().rotateSecret("acme", "ep_1", new SecretRotateIn(null, 3600L));
        Optional<EndpointSecret> withBody =
                client.endpoints().rotateSecret("acme", "ep_1", new SecretRotateIn(null, null));

        assertThat(secret.key()).isEqualTo("whsec_abc");
        assertThat(noBody).isEmpty();
        assertThat(withBody).map(EndpointSecret::key).contains("whsec_new");
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/tenants/acme/endpoints/ep_1/secret");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/tenants/acme/endpoints/ep_1/secret/rotate");
        assertThat(json.readTree(server.requests().get(1).body()))
                .isEqualTo(json.readTree("{\"gracePeriodSeconds\":3600}"));
    }

    @Test
    void recoversFailedDeliveriesSinceAnInstant() throws Exception {
        server.answer(202, "{\"queued\":7}");

        int queued = client.endpoints()
                .recover("acme", "ep_1", Instant.parse("2024-05-01T00:00:00Z"), null)
                .queued();

        assertThat(queued).isEqualTo(7);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/endpoints/ep_1/recover");
        assertThat(json.readTree(server.lastRequest().body()))
                .isEqualTo(json.readTree("{\"since\":\"2024-05-01T00:00:00Z\"}"));
    }

    @Test
    void readsEndpointStats() {
        server.answer(200, """
                {"since":"2024-05-01T00:00:00Z","until":"2024-05-02T00:00:00Z","total":10,"succeeded":9,"failed":1,
                 "byStatusClass":{"2xx":9,"5xx":1},"successRate":0.9,"p50Ms":40,"p99Ms":900}""");

        EndpointStats stats = client.endpoints()
                .stats("acme", "ep_1", Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-02T00:00:00Z"));

        assertThat(stats.total()).isEqualTo(10);
        assertThat(stats.byStatusClass()).containsEntry("5xx", 1L);
        assertThat(stats.successRate()).isEqualTo(0.9);
        assertThat(stats.p99Ms()).isEqualTo(900L);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/endpoints/ep_1/stats");
        assertThat(server.lastRequest().query())
                .isEqualTo("since=2024-05-01T00%3A00%3A00Z&until=2024-05-02T00%3A00%3A00Z");
    }

    @Test
    void sendsAMessageAndAcceptsTheAnswer202() throws Exception {
        server.answer(202, MESSAGE_JSON);
        MessageIn in = MessageIn.builder(
                        "invoice.paid", JsonNodeFactory.instance.objectNode().put("amount", 1999))
                .eventId("evt-9")
                .channels(List.of("eu"))
                .build();

        Message sent = client.messages().send("acme", in);

        assertThat(sent.id()).isEqualTo("msg_1");
        assertThat(sent.payload().get("amount").asInt()).isEqualTo(1999);
        FakeHookline.Recorded r = server.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/tenants/acme/messages");
        assertThat(json.readTree(r.body()))
                .isEqualTo(
                        json.readTree(
                                "{\"eventType\":\"invoice.paid\",\"payload\":{\"amount\":1999},\"eventId\":\"evt-9\",\"channels\":[\"eu\"]}"));
    }

    @Test
    void sendsABatchWrappedInMessagesAndUnwrapsData() throws Exception {
        server.answer(202, "{\"data\":[" + MESSAGE_JSON + "," + MESSAGE_JSON.replace("msg_1", "msg_2") + "]}");
        MessageIn in = MessageIn.of("invoice.paid", JsonNodeFactory.instance.objectNode());

        List<Message> sent = client.messages().sendBatch("acme", List.of(in, in));

        assertThat(sent).extracting(Message::id).containsExactly("msg_1", "msg_2");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/messages/batch");
        assertThat(json.readTree(server.lastRequest().body()).get("messages")).hasSize(2);
    }

    @Test
    void aPartlyRefusedBatchSaysWhichAndTheShortFormDoesNotHideIt() {
        String partial = "{\"data\":[" + MESSAGE_JSON + "],\"errors\":[{\"index\":1,\"code\":400,"
                + "\"error\":\"validation_failed\",\"message\":\"m\",\"details\":[{\"field\":"
                + "\"messages.1.payload/a\",\"message\":\"m\",\"rule\":\"type\"}]}]}";
        server.answer(207, partial).answer(207, partial);
        MessageIn in = MessageIn.of("invoice.paid", JsonNodeFactory.instance.objectNode());

        MessageBatchOut out = client.messages().sendBatchDetailed("acme", List.of(in, in));

        assertThat(out.data()).extracting(Message::id).containsExactly("msg_1");
        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.details().get(0).rule()).isEqualTo("type");
        });
        assertThatThrownBy(() -> client.messages().sendBatch("acme", List.of(in, in)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("1 of 2 messages were refused");
    }

    @Test
    void listsMessagesWithEveryFilter() {
        server.answer(200, "{\"data\":[" + MESSAGE_JSON + "],\"iterator\":\"it\",\"done\":true}");

        client.messages()
                .list(
                        "acme",
                        MessageListParams.builder()
                                .eventType("invoice.paid")
                                .channel("eu")
                                .since(Instant.parse("2024-05-01T00:00:00Z"))
                                .limit(5)
                                .iterator("it_0")
                                .build());

        assertThat(server.lastRequest().query())
                .isEqualTo("eventType=invoice.paid&channel=eu&since=2024-05-01T00%3A00%3A00Z&limit=5&iterator=it_0");
    }

    @Test
    void readsAMessageAndItsDeliveries() {
        server.answer(200, MESSAGE_JSON).answer(200, """
                {"data":[{"endpointId":"ep_1","status":"retrying","attempts":2,"nextAttemptAt":"2024-05-01T10:05:00Z",
                          "lastStatusCode":503}],"iterator":null,"done":true}""");

        client.messages().get("acme", "msg_1");
        var deliveries = client.messages().deliveries("acme", "msg_1");

        assertThat(deliveries.data().get(0).status()).isEqualTo("retrying");
        assertThat(deliveries.data().get(0).lastStatusCode()).isEqualTo(503);
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/tenants/acme/messages/msg_1");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/tenants/acme/messages/msg_1/deliveries");
    }

    @Test
    void resendsAcceptingAnAttemptOrAnEmpty202() {
        server.answer(200, ATTEMPT_JSON).answer(202, null);

        Optional<Attempt> inline = client.messages().resend("acme", "msg_1", "ep_1");
        Optional<Attempt> queued = client.messages().resend("acme", "msg_1", "ep_1");

        assertThat(inline).map(Attempt::responseStatusCode).contains(503);
        assertThat(queued).isEmpty();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/tenants/acme/messages/msg_1/endpoints/ep_1/resend");
        assertThat(server.lastRequest().method()).isEqualTo("POST");
    }

    @Test
    void listsAttemptsWithEveryFilterAndReadsOne() {
        server.answer(200, "{\"data\":[" + ATTEMPT_JSON + "],\"done\":true}").answer(200, ATTEMPT_JSON);

        Page<Attempt> page = client.attempts()
                .list(
                        "acme",
                        AttemptListParams.builder()
                                .endpointId("ep_1")
                                .messageId("msg_1")
                                .status("failed")
                                .statusCodeClass(500)
                                .eventType("invoice.paid")
                                .since(Instant.parse("2024-05-01T00:00:00Z"))
                                .until(Instant.parse("2024-05-02T00:00:00Z"))
                                .limit(250)
                                .iterator("it")
                                .build());
        Attempt one = client.attempts().get("acme", "atm_1");

        assertThat(page.data()).hasSize(1);
        assertThat(one.durationMs()).isEqualTo(120);
        assertThat(server.requests().get(0).query())
                .isEqualTo("endpointId=ep_1&messageId=msg_1&status=failed"
                        + "&statusCodeClass=500&eventType=invoice.paid&since=2024-05-01T00%3A00%3A00Z"
                        + "&until=2024-05-02T00%3A00%3A00Z&limit=250&iterator=it");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/tenants/acme/attempts/atm_1");
    }

    @Test
    void managesOperationalEndpointsOnTheirOwnPaths() throws Exception {
        String endpointJson = """
                {"id":"ep_9","url":"https://ops.example/h","eventTypes":["endpoint.disabled"],"disabled":false,
                 "createdAt":"2024-05-01T10:00:00Z"}""";
        server.answer(201, endpointJson)
                .answer(200, "{\"data\":[" + endpointJson + "],\"iterator\":null,\"done\":true}")
                .answer(200, endpointJson)
                .answer(200, endpointJson)
                .answer(200, "{\"key\":\"whsec_ops\"}")
                .answer(200, "{\"key\":\"whsec_next\"}")
                .answer(200, "{\"data\":[" + ATTEMPT_JSON + "],\"iterator\":null,\"done\":true}")
                .answer(204, null);

        Endpoint created = client.operationalEndpoints()
                .create(EndpointIn.builder("https://ops.example/h")
                        .eventTypes(List.of("endpoint.disabled"))
                        .build());
        Page<Endpoint> page = client.operationalEndpoints().list(5, null);
        client.operationalEndpoints().get("ops-main");
        client.operationalEndpoints()
                .update("ep_9", new EndpointPatch(null, null, null, null, null, true, null, null, null));
        EndpointSecret secret = client.operationalEndpoints().secret("ep_9");
        Optional<EndpointSecret> rotated =
                client.operationalEndpoints().rotateSecret("ep_9", new SecretRotateIn(null, 60L));
        Page<Attempt> attempts = client.operationalEndpoints()
                .attempts(
                        "ep_9",
                        AttemptListParams.builder()
                                .endpointId("ep_other")
                                .status("failed")
                                .build());
        client.operationalEndpoints().delete("ep_9");

        assertThat(created.id()).isEqualTo("ep_9");
        assertThat(page.data()).extracting(Endpoint::id).containsExactly("ep_9");
        assertThat(secret.key()).isEqualTo("whsec_ops");
        assertThat(rotated).map(EndpointSecret::key).contains("whsec_next");
        assertThat(attempts.data()).extracting(Attempt::id).containsExactly("atm_1");
        assertThat(server.requests())
                .extracting(r -> r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query()))
                .containsExactly(
                        "POST /v1/operational-endpoints",
                        "GET /v1/operational-endpoints?limit=5",
                        "GET /v1/operational-endpoints/ops-main",
                        "PATCH /v1/operational-endpoints/ep_9",
                        "GET /v1/operational-endpoints/ep_9/secret",
                        "POST /v1/operational-endpoints/ep_9/secret/rotate",
                        "GET /v1/operational-endpoints/ep_9/attempts?status=failed",
                        "DELETE /v1/operational-endpoints/ep_9");
        assertThat(server.requests().get(3).body()).isEqualTo("{\"disabled\":true}");
    }

    @Test
    void keepsABaseUrlPathPrefix() {
        server.answer(200, TENANT_JSON);
        HooklineClient prefixed = HooklineClient.builder()
                .baseUrl(server.url() + "/hookline")
                .apiKey("k")
                .build();

        prefixed.tenants().get("acme");

        assertThat(server.lastRequest().path()).isEqualTo("/hookline/v1/tenants/acme");
    }
}
