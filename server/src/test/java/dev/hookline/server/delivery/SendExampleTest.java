package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.SendExampleIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test sends: an event type's example, or one given, delivered to one endpoint now, signed and logged like any
 * delivery with trigger {@code test}, and never to the tenant's other endpoints.
 */
class SendExampleTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"invoiceId\"],"
            + "\"properties\":{\"invoiceId\":{\"type\":\"string\"},\"amount\":{\"type\":\"integer\"}}}";

    @Test
    void theExampleReachesThatEndpointOnlySignedAndLoggedAsATest() throws Exception {
        // given a catalogued event type with an example, and a tenant with two endpoints that both take it
        app.adminClient()
                .eventTypes()
                .create(EventTypeIn.builder("invoice.paid")
                        .schema(Scenario.payload(SCHEMA))
                        .examples(List.of(Scenario.payload("{\"invoiceId\":\"inv_example\",\"amount\":1999}")))
                        .build());
        Scenario s = Scenario.tenant(app, "tester");
        Endpoint target = s.endpoint(receiver.url("/target"));
        s.endpoint(receiver.url("/bystander"));

        // when the tenant asks for a test send to one of them, through the SDK
        Attempt attempt = s.client().endpoints().sendExample(s.tenant(), target.id(), SendExampleIn.of("invoice.paid"));

        // then it arrived there, once, with the example as its body and a signature the reference library accepts
        assertThat(attempt.trigger()).isEqualTo("test");
        assertThat(attempt.status()).isEqualTo("succeeded");
        assertThat(attempt.endpointId()).isEqualTo(target.id());
        List<TestReceiver.Received> arrived = receiver.receivedOn("/target");
        assertThat(arrived).hasSize(1);
        TestReceiver.Received delivery = arrived.get(0);
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        assertThat(Scenario.payload(body))
                .isEqualTo(Scenario.payload("{\"invoiceId\":\"inv_example\",\"amount\":1999}"));
        assertThat(delivery.header("webhook-id")).isEqualTo(attempt.messageId());
        String secret = s.secret(target);
        assertThatCode(() -> new com.standardwebhooks.Webhook(secret).verify(body, delivery.headers()))
                .doesNotThrowAnyException();

        // and never at the other endpoint, even after the worker had time to pick anything up
        Thread.sleep(1_500);
        assertThat(receiver.receivedOn("/bystander")).isEmpty();

        // and it is logged like any message: the message, its one delivery, its attempt marked as a test
        assertThat(s.client().messages().get(s.tenant(), attempt.messageId()).eventType())
                .isEqualTo("invoice.paid");
        assertThat(s.deliveries(attempt.messageId()))
                .singleElement()
                .satisfies(d -> assertThat(d.endpointId()).isEqualTo(target.id()));
        assertThat(s.client()
                        .attempts()
                        .list(
                                s.tenant(),
                                AttemptListParams.builder()
                                        .messageId(attempt.messageId())
                                        .build())
                        .data())
                .singleElement()
                .satisfies(a -> assertThat(a.trigger()).isEqualTo("test"));
    }

    @Test
    void aGivenExampleIsSentAndCheckedAgainstTheSchemaWhereSendsAre() {
        // given an event type whose sends are validated
        app.adminClient()
                .eventTypes()
                .create(EventTypeIn.builder("refund.issued")
                        .schema(Scenario.payload(SCHEMA))
                        .validatePayloads(true)
                        .build());
        Scenario s = Scenario.tenant(app, "given");
        Endpoint endpoint = s.endpoint(receiver.url("/given"));
        String path = "/v1/tenants/given/endpoints/" + endpoint.id() + "/send-example";
        RawHttp http = app.raw();
        String key =
                app.adminClient().apiKeys().create("given", new ApiKeyIn("k")).key();

        // when an example of its own is sent, one that fails the schema, and none at all for a type without examples
        RawHttp.Response sent = http.call(
                "POST", path, key, "{\"eventType\":\"refund.issued\",\"example\":{\"invoiceId\":\"inv_mine\"}}");
        RawHttp.Response invalid =
                http.call("POST", path, key, "{\"eventType\":\"refund.issued\",\"example\":{\"amount\":\"x\"}}");
        RawHttp.Response noExample = http.call("POST", path, key, "{\"eventType\":\"refund.issued\"}");
        RawHttp.Response unknown = http.call("POST", path, key, "{\"eventType\":\"not.catalogued\"}");
        RawHttp.Response uncataloguedWithExample =
                http.call("POST", path, key, "{\"eventType\":\"not.catalogued\",\"example\":{\"free\":true}}");

        // then the first arrives as given, the failing one is a 400 naming its paths, and the others name the field
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("trigger").asText()).isEqualTo("test");
        assertThat(receiver.receivedOn("/given"))
                .map(r -> Scenario.payload(new String(r.body(), StandardCharsets.UTF_8)))
                .contains(Scenario.payload("{\"invoiceId\":\"inv_mine\"}"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.fields()).containsExactlyInAnyOrder("example/invoiceId", "example/amount");
        assertThat(noExample.fields()).containsExactly("example");
        assertThat(unknown.fields()).containsExactly("eventType");
        assertThat(uncataloguedWithExample.status()).isEqualTo(201);
    }

    @Test
    void aDisabledEndpointIsRefusedAndAFailureIsLoggedNotRetried() throws Exception {
        Scenario s = Scenario.tenant(app, "failing");
        Endpoint endpoint = s.endpoint(receiver.url("/failing"));
        receiver.thenAnswer(TestReceiver.Answer.status(500));
        JsonNode example = Scenario.payload("{\"n\":1}");

        // when a test send meets a 500
        Attempt failed =
                s.client().endpoints().sendExample(s.tenant(), endpoint.id(), new SendExampleIn("x.y", example));

        // then the attempt is logged as failed, and not tried again
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.responseStatusCode()).isEqualTo(500);
        Thread.sleep(1_500);
        assertThat(receiver.receivedOn("/failing")).hasSize(1);

        // and a disabled endpoint gets none
        s.client()
                .endpoints()
                .update(
                        s.tenant(),
                        endpoint.id(),
                        new EndpointPatch(null, null, null, null, null, true, null, null, null));
        RawHttp.Response refused = app.raw()
                .call(
                        "POST",
                        "/v1/tenants/failing/endpoints/" + endpoint.id() + "/send-example",
                        TestApp.ADMIN_KEY,
                        "{\"eventType\":\"x.y\",\"example\":{\"n\":2}}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(receiver.receivedOn("/failing")).hasSize(1);
    }
}
