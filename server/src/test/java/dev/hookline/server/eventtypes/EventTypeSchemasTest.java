package dev.hookline.server.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalogue's schemas are real: a schema is checked as JSON Schema draft 2020-12 when saved, examples must pass
 * it, a tenant key reads both, and the catalogue goes out and comes back as an OpenAPI 3.1 webhooks document.
 */
class EventTypeSchemasTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    static final ObjectMapper JSON = new ObjectMapper();
    static String tenantKey;
    static RawHttp http;

    @BeforeAll
    static void tenantWithKey() {
        app.adminClient().tenants().create(new TenantIn("Schemas", "schemas", null));
        tenantKey = app.adminClient()
                .apiKeys()
                .create("schemas", new ApiKeyIn("reader"))
                .key();
        http = app.raw();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final String INVOICE_SCHEMA = """
        {"type":"object","required":["invoiceId","amount"],
         "properties":{"invoiceId":{"type":"string","minLength":1},
                       "amount":{"type":"integer","minimum":0},
                       "lines":{"type":"array","items":{"$ref":"#/$defs/line"}}},
         "$defs":{"line":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string"}}}}}""";

    @Test
    void anInvalidSchemaIsRefusedNamingItsPath() {
        // when a schema with a misspelt type is saved, alone and nested
        RawHttp.Response top = http.call(
                "POST",
                "/v1/event-types",
                TestApp.ADMIN_KEY,
                "{\"name\":\"bad.top\",\"schema\":{\"type\":\"objekt\"}}");
        RawHttp.Response nested = http.call(
                "POST",
                "/v1/event-types",
                TestApp.ADMIN_KEY,
                "{\"name\":\"bad.nested\",\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"minimum\":\"x\"}}}}");

        // then each is a 400 naming the offending part of the schema and the rule it broke
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.fields()).contains("schema/type");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.fields()).contains("schema/properties/a/minimum");
        assertThat(nested.json().path("details").get(0).path("rule").asText()).isNotEmpty();
        assertThat(app.adminClient().eventTypes().list().data())
                .extracting(EventType::name)
                .doesNotContain("bad.top", "bad.nested");
    }

    @Test
    void schemasMayReferToThemselvesOnly() {
        RawHttp.Response remote = http.call(
                "POST",
                "/v1/event-types",
                TestApp.ADMIN_KEY,
                "{\"name\":\"ref.remote\",\"schema\":{\"$ref\":\"http://127.0.0.1:1/schema.json\"}}");
        RawHttp.Response classpath = http.call(
                "POST",
                "/v1/event-types",
                TestApp.ADMIN_KEY,
                "{\"name\":\"ref.classpath\",\"schema\":{\"$ref\":\"classpath:config.yml\"}}");
        RawHttp.Response otherDraft = http.call(
                "POST",
                "/v1/event-types",
                TestApp.ADMIN_KEY,
                "{\"name\":\"ref.draft4\",\"schema\":{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}}");
        assertThat(remote.status()).as(remote.body()).isEqualTo(400);
        assertThat(remote.fields()).allSatisfy(f -> assertThat(f).startsWith("schema"));
        assertThat(classpath.status()).as(classpath.body()).isEqualTo(400);
        assertThat(otherDraft.status()).isEqualTo(400);
        assertThat(otherDraft.fields()).containsExactly("schema/$schema");
        assertThat(app.adminClient()
                        .eventTypes()
                        .create(EventTypeIn.builder("ref.local")
                                .schema(json(INVOICE_SCHEMA))
                                .build())
                        .schema())
                .isEqualTo(json(INVOICE_SCHEMA));
    }

    @Test
    void examplesMustPassTheSchemaAndAFailingOneIsNamedByIndexAndPath() {
        // when one of three examples breaks the schema
        RawHttp.Response refused = http.call(
                "POST",
                "/v1/event-types",
                TestApp.ADMIN_KEY,
                "{\"name\":\"invoice.bad\",\"schema\":" + INVOICE_SCHEMA + ",\"examples\":["
                        + "{\"invoiceId\":\"a\",\"amount\":1},"
                        + "{\"invoiceId\":\"b\",\"amount\":-5},"
                        + "{\"invoiceId\":\"c\",\"amount\":2,\"lines\":[{\"sku\":\"x\"},{}]}]}");

        // then the answer names each failing example, the path in it, and the rule
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fields()).containsExactlyInAnyOrder("examples.1/amount", "examples.2/lines/1/sku");
        assertThat(refused.json().path("details").findValuesAsText("rule"))
                .containsExactlyInAnyOrder("minimum", "required");

        // and a schema change the stored examples fail is refused too
        app.adminClient()
                .eventTypes()
                .create(EventTypeIn.builder("invoice.ok")
                        .schema(json(INVOICE_SCHEMA))
                        .examples(List.of(json("{\"invoiceId\":\"a\",\"amount\":1}")))
                        .build());
        RawHttp.Response stricter = http.call(
                "PATCH",
                "/v1/event-types/invoice.ok",
                TestApp.ADMIN_KEY,
                "{\"schema\":{\"type\":\"object\",\"required\":[\"currency\"]}}");
        assertThat(stricter.status()).isEqualTo(400);
        assertThat(stricter.fields()).containsExactly("examples.0/currency");
        assertThat(http.call("PATCH", "/v1/event-types/invoice.ok", TestApp.ADMIN_KEY, "{\"examples\":[[1]]}")
                        .fields())
                .containsExactly("examples.0");
    }

    @Test
    void aTenantKeyReadsTheCatalogueWithSchemasExamplesAndFlags() {
        // given an event type with everything set, then deprecated
        HooklineClient admin = app.adminClient();
        admin.eventTypes()
                .create(EventTypeIn.builder("order.shipped")
                        .description("An order left the warehouse")
                        .schema(json(INVOICE_SCHEMA))
                        .examples(List.of(json("{\"invoiceId\":\"inv_1\",\"amount\":10}")))
                        .group("orders")
                        .validatePayloads(true)
                        .build());
        EventType patched = admin.eventTypes()
                .update("order.shipped", new EventTypePatch(null, null, null, null, true, null, null));

        // when a tenant key lists the catalogue
        EventType read = app.client(tenantKey).eventTypes().listAll().stream()
                .filter(t -> t.name().equals("order.shipped"))
                .findFirst()
                .orElseThrow();

        // then it sees the schema, the examples and the flags
        assertThat(read).isEqualTo(patched);
        assertThat(read.schema()).isEqualTo(json(INVOICE_SCHEMA));
        assertThat(read.examples()).containsExactly(json("{\"invoiceId\":\"inv_1\",\"amount\":10}"));
        assertThat(read.deprecated()).isTrue();
        assertThat(read.group()).isEqualTo("orders");
        assertThat(read.validatePayloads()).isTrue();
        JsonNode listed = http.call("GET", "/v1/event-types?limit=250", tenantKey, null)
                .json()
                .path("data");
        assertThat(listed.findValues("examples")).contains(json("[{\"invoiceId\":\"inv_1\",\"amount\":10}]"));
    }

    @Test
    void theCatalogueRoundTripsThroughAnOpenApiWebhooksDocument() {
        // given a catalogue with a full and a bare event type
        HooklineClient admin = app.adminClient();
        admin.eventTypes()
                .create(EventTypeIn.builder("rt.full")
                        .description("Everything set")
                        .schema(json(INVOICE_SCHEMA))
                        .examples(List.of(
                                json("{\"invoiceId\":\"a\",\"amount\":1}"), json("{\"invoiceId\":\"b\",\"amount\":2}")))
                        .group("round-trip")
                        .deprecated(true)
                        .archived(true)
                        .validatePayloads(false)
                        .build());
        admin.eventTypes().create(EventTypeIn.of("rt.bare", ""));
        List<EventType> before = admin.eventTypes().listAll().stream().toList();

        // when it is exported, deleted, and imported again
        JsonNode document = admin.eventTypes().exportOpenApi();
        before.forEach(t -> admin.eventTypes().delete(t.name()));
        List<EventType> imported = admin.eventTypes().importOpenApi(document).data();
        List<EventType> after = admin.eventTypes().listAll().stream().toList();

        // then the document is OpenAPI 3.1 with one webhook per event type, and the catalogue is as it was
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("webhooks")
                        .path("rt.full")
                        .path("post")
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema"))
                .isEqualTo(json(INVOICE_SCHEMA));
        assertThat(imported).hasSameSizeAs(before);
        assertThat(after)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("createdAt", "updatedAt")
                .containsExactlyElementsOf(before);
        // and a tenant key reads the document but cannot import one
        assertThat(http.call("GET", "/v1/event-types/export/openapi", tenantKey, null)
                        .status())
                .isEqualTo(200);
        assertThat(http.call("POST", "/v1/event-types/import/openapi", tenantKey, document.toString())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anImportIsCheckedWholeAndWritesNothingWhenAnyTypeIsInvalid() {
        String document = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},"webhooks":{
              "imp.good":{"post":{"requestBody":{"content":{"application/json":{"schema":{"type":"object"}}}}}},
              "imp.bad":{"post":{"requestBody":{"content":{"application/json":{"schema":{"type":"objekt"}}}}}}}}""";
        RawHttp.Response refused = http.call("POST", "/v1/event-types/import/openapi", TestApp.ADMIN_KEY, document);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fields()).contains("webhooks.imp.bad.schema/type");
        assertThat(http.call("GET", "/v1/event-types/imp.good", TestApp.ADMIN_KEY, null)
                        .status())
                .isEqualTo(404);
        assertThat(http.call("POST", "/v1/event-types/import/openapi", TestApp.ADMIN_KEY, "{\"openapi\":\"3.0.3\"}")
                        .fields())
                .containsExactly("openapi");
    }
}
