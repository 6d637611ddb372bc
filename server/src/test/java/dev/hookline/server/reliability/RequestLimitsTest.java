package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import dev.hookline.server.validation.JsonLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits on what one request may cost: JSON nesting (payloads included), header size. Body size and batch size
 * have their own tests (EndpointsApiTest, MessageIngestTest); each limit answers the error body, never a 5xx.
 */
class RequestLimitsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static Scenario s;
    static String key;

    @BeforeAll
    static void tenant() {
        s = Scenario.tenant(app, "limits");
        key = app.adminClient()
                .apiKeys()
                .create("limits", new dev.hookline.sdk.model.ApiKeyIn("k"))
                .key();
    }

    @Test
    void aPayloadNestedToTheLimitIsAcceptedAndOneLevelDeeperIsRefusedNamingTheBody() {
        // given payloads whose deepest value sits exactly at, and one past, the limit counted from the body's root
        String atLimit = message(nested(JsonLimits.MAX_DEPTH - 1));
        String overLimit = message(nested(JsonLimits.MAX_DEPTH));

        // when they are sent
        RawHttp.Response accepted = app.raw().call("POST", "/v1/tenants/limits/messages", key, atLimit);
        RawHttp.Response refused = app.raw().call("POST", "/v1/tenants/limits/messages", key, overLimit);

        // then
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("validation_failed");
        assertThat(refused.fields()).containsExactly("body");
        assertThat(refused.json().path("details").get(0).path("message").asText())
                .isEqualTo("must not nest deeper than 64 levels");
    }

    @Test
    void deepNestingIn10000LevelsOfAnyOtherBodyIsA400NotAStackOverflow() {
        // given an event type whose schema (read as a JSON tree) nests 10,000 arrays deep (20 KB)
        String deep = "{\"name\":\"deep.schema\",\"schema\":{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}}";

        // when it is posted to a resource read by the application's ObjectMapper, and as a batch of messages
        RawHttp.Response eventType = app.raw().call("POST", "/v1/event-types", TestApp.ADMIN_KEY, deep);
        RawHttp.Response batch = app.raw()
                .call(
                        "POST",
                        "/v1/tenants/limits/messages/batch",
                        key,
                        "{\"messages\":[{\"eventType\":\"a\",\"payload\":{\"x\":" + "[".repeat(10_000)
                                + "]".repeat(10_000) + "}}]}");

        // then both are 400s naming the field being read (the whole body for a message)
        assertThat(eventType.status()).as(eventType.body()).isEqualTo(400);
        assertThat(eventType.fields()).containsExactly("schema");
        assertThat(batch.status()).as(batch.body()).isEqualTo(400);
        assertThat(batch.fields()).containsExactly("body");
        for (RawHttp.Response r : List.of(eventType, batch)) {
            assertThat(r.json().path("details").get(0).path("message").asText())
                    .isEqualTo("must not nest deeper than 64 levels");
        }
    }

    @Test
    void headersOverTheServersLimitAre431WithTheErrorBody() {
        // given a request whose headers total 16 KiB, twice Jetty's default requestHeaderSize
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/limits"))
                .header("Authorization", "Bearer " + key)
                .header("X-Filler", "x".repeat(16 * 1024))
                .GET()
                .build();

        // when it is sent
        RawHttp.Response r = app.raw().send(request);

        // then
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.json().path("code").asInt()).isEqualTo(431);
        assertThat(r.json().path("error").asText()).isEqualTo("headers_too_large");
        assertThat(r.json().path("message").asText()).isEqualTo("the request headers are too large");
        assertThat(r.body()).doesNotContain(key);
    }

    private static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    private static String message(String payload) {
        return "{\"eventType\":\"deep.thing\",\"payload\":" + payload + "}";
    }
}
