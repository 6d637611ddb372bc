package dev.hookline.server.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code requireKnownEventTypes}, only catalogued, unarchived event types may be sent. */
class RequireKnownEventTypesTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.limits.requireKnownEventTypes = true;
        c.delivery.workerEnabled = false;
    });

    @Test
    void unknownAndArchivedEventTypesAreRefusedAndKnownOnesAccepted() {
        // given a catalogue with one live and one archived event type
        app.adminClient().tenants().create(new TenantIn("Strict", "strict", null));
        app.adminClient().eventTypes().create(EventTypeIn.of("order.created", "live"));
        app.adminClient().eventTypes().create(EventTypeIn.of("order.legacy", "old"));
        app.adminClient().eventTypes().update("order.legacy", new EventTypePatch(null, null, true));

        // when a message of each kind is sent
        RawHttp.Response known = send("order.created");
        RawHttp.Response unknown = send("order.unknown");
        RawHttp.Response archived = send("order.legacy");

        // then only the known one is accepted, and the others are 400s naming eventType
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fields()).containsExactly("eventType");
        assertThat(unknown.json().path("details").get(0).path("message").asText())
                .contains("not a known event type");
        assertThat(archived.status()).isEqualTo(400);
        assertThat(archived.json().path("details").get(0).path("message").asText())
                .contains("archived");
    }

    private static RawHttp.Response send(String eventType) {
        return app.raw()
                .call(
                        "POST",
                        "/v1/tenants/strict/messages",
                        TestApp.ADMIN_KEY,
                        "{\"eventType\":\"" + eventType + "\",\"payload\":{\"n\":1}}");
    }
}
