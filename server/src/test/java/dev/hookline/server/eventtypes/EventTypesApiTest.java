package dev.hookline.server.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The global event-type catalogue: the operator writes it, every key reads it; by default it is advisory. */
class EventTypesApiTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    static String tenantKey;
    static RawHttp http;

    @BeforeAll
    static void tenantWithKey() {
        app.adminClient().tenants().create(new TenantIn("Catalogue", "cat", null));
        tenantKey = app.adminClient()
                .apiKeys()
                .create("cat", new ApiKeyIn("reader"))
                .key();
        http = app.raw();
    }

    @Test
    void operatorManagesTheCatalogueAndTenantsReadIt() throws Exception {
        HooklineClient admin = app.adminClient();
        var schema = new ObjectMapper().readTree("{\"type\":\"object\",\"required\":[\"invoiceId\"]}");

        // when the operator adds, changes and archives an event type
        EventType created =
                admin.eventTypes().create(new EventTypeIn("invoice.paid", "An invoice was paid", schema, null));
        EventType archived = admin.eventTypes().update("invoice.paid", new EventTypePatch("Paid in full", null, true));

        // then it holds each value, and a tenant key reads it and lists it
        assertThat(created)
                .extracting(EventType::name, EventType::description, EventType::schema, EventType::archived)
                .containsExactly("invoice.paid", "An invoice was paid", schema, false);
        assertThat(archived.description()).isEqualTo("Paid in full");
        assertThat(archived.schema()).isEqualTo(schema);
        assertThat(archived.archived()).isTrue();
        HooklineClient tenant = app.client(tenantKey);
        assertThat(tenant.eventTypes().get("invoice.paid")).isEqualTo(archived);
        assertThat(tenant.eventTypes().listAll()).extracting(EventType::name).contains("invoice.paid");

        // and deleting it makes it unknown
        admin.eventTypes().delete("invoice.paid");
        assertThat(http.call("GET", "/v1/event-types/invoice.paid", tenantKey, null)
                        .status())
                .isEqualTo(404);
        assertThat(http.call("DELETE", "/v1/event-types/invoice.paid", TestApp.ADMIN_KEY, null)
                        .status())
                .isEqualTo(404);
        assertThat(http.call("PATCH", "/v1/event-types/invoice.paid", TestApp.ADMIN_KEY, "{\"archived\":false}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tenantKeysCannotWriteTheCatalogue() {
        app.adminClient().eventTypes().create(EventTypeIn.of("user.created", ""));
        List<RawHttp.Response> writes = List.of(
                http.call("POST", "/v1/event-types", tenantKey, "{\"name\":\"user.deleted\"}"),
                http.call("PATCH", "/v1/event-types/user.created", tenantKey, "{\"archived\":true}"),
                http.call("DELETE", "/v1/event-types/user.created", tenantKey, null));
        assertThat(writes).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().path("error").asText()).isEqualTo("forbidden");
        });
        assertThat(app.adminClient().eventTypes().get("user.created").archived())
                .isFalse();
    }

    @Test
    void invalidEventTypesAreRefusedNamingTheField() {
        Map<String, String> cases = Map.of(
                "{\"description\":\"no name\"}",
                "name",
                "{\"name\":\"has space\"}",
                "name",
                "{\"name\":\"" + "n".repeat(257) + "\"}",
                "name",
                "{\"name\":\"slash/no\"}",
                "name",
                "{\"name\":\"ok.name\",\"schema\":\"not an object\"}",
                "schema",
                "{\"name\":\"ok.name\",\"schema\":[1,2]}",
                "schema",
                "{\"name\":\"ok.name\",\"description\":\"" + "d".repeat(4097) + "\"}",
                "description",
                "{\"name\":\"ok.name\",\"owner\":\"x\"}",
                "owner");
        cases.forEach((body, field) -> {
            RawHttp.Response response = http.call("POST", "/v1/event-types", TestApp.ADMIN_KEY, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.fields()).as(body).containsExactly(field);
        });
        http.call("POST", "/v1/event-types", TestApp.ADMIN_KEY, "{\"name\":\"dup.name\"}");
        RawHttp.Response duplicate = http.call("POST", "/v1/event-types", TestApp.ADMIN_KEY, "{\"name\":\"dup.name\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.fields()).containsExactly("name");
        assertThat(http.call("PATCH", "/v1/event-types/dup.name", TestApp.ADMIN_KEY, "{\"schema\":true}")
                        .fields())
                .containsExactly("schema");
    }

    @Test
    void catalogueIsListedByNameInPages() {
        HooklineClient admin = app.adminClient();
        for (String name : List.of("page.c", "page.a", "page.b")) {
            admin.eventTypes().create(EventTypeIn.of(name, ""));
        }
        List<String> names = new java.util.ArrayList<>();
        String iterator = null;
        do {
            var page = admin.eventTypes().list(1, iterator);
            page.data().forEach(t -> names.add(t.name()));
            iterator = page.done() ? null : page.iterator();
        } while (iterator != null);
        assertThat(names).filteredOn(n -> n.startsWith("page.")).containsExactly("page.a", "page.b", "page.c");
    }

    @Test
    void unknownAndArchivedEventTypesAreAcceptedByDefault() {
        app.adminClient().eventTypes().create(new EventTypeIn("old.event", "", null, true));
        for (String type : List.of("never.declared", "old.event")) {
            RawHttp.Response sent = http.call(
                    "POST", "/v1/tenants/cat/messages", tenantKey, "{\"eventType\":\"" + type + "\",\"payload\":{}}");
            assertThat(sent.status()).as(type).isEqualTo(202);
        }
    }
}
