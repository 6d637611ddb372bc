package dev.hookline.server.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.auth.ApiKeyAuthenticator;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The send's fast lane: a usual send is answered without Jersey, and answered exactly as Jersey answers it; anything
 * unusual goes on to Jersey. A chunked body always goes to Jersey, which is how these tests compare the two.
 */
class FastSendFilterTest {
    private static final int BURST = 3;

    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.workerEnabled = false;
        c.limits.maxPayloadBytes = 1024;
        c.limits.requestsPerSecondPerKey = 1;
        c.limits.burstPerKey = BURST;
    });

    /** Tests that need a rate budget of their own make a key; the admin key is unlimited. */
    private static RawHttp http;

    @BeforeAll
    static void tenants() throws Exception {
        http = app.raw();
        app.adminClient().tenants().create(new TenantIn("Acme", "acme", null));
        // an event type whose payloads are checked: a refused payload must be answered alike through both lanes
        app.adminClient()
                .eventTypes()
                .create(EventTypeIn.builder("schema.checked")
                        .schema(new ObjectMapper()
                                .readTree("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}"))
                        .validatePayloads(true)
                        .build());
    }

    @Test
    void usualSendsSkipJerseyAndGetJerseysAnswers() {
        String big = "{\"eventType\":\"a.b\",\"payload\":{\"s\":\"" + "x".repeat(1100) + "\"}}";
        record Case(String name, String path, Map<String, String> headers, String body) {}
        List<Case> cases = List.of(
                new Case("accepted", "/v1/tenants/acme/messages", Map.of(), message("one")),
                new Case(
                        "accepted, trailing slash, tenant by id",
                        "/v1/tenants/" + tenantId("acme") + "/messages/",
                        Map.of(),
                        message("two")),
                new Case(
                        "idempotent replay",
                        "/v1/tenants/acme/messages",
                        Map.of("Idempotency-Key", "k-1"),
                        message("three")),
                new Case(
                        "key too long",
                        "/v1/tenants/acme/messages",
                        Map.of("Idempotency-Key", "k".repeat(257)),
                        message("four")),
                new Case("invalid JSON", "/v1/tenants/acme/messages", Map.of(), "{\"eventType\":"),
                new Case("missing field", "/v1/tenants/acme/messages", Map.of(), "{\"payload\":{}}"),
                new Case("empty body", "/v1/tenants/acme/messages", Map.of(), ""),
                new Case("payload too large", "/v1/tenants/acme/messages", Map.of(), big),
                new Case("unknown tenant", "/v1/tenants/nobody/messages", Map.of(), message("five")),
                new Case(
                        "payload fails its schema",
                        "/v1/tenants/acme/messages",
                        Map.of(),
                        "{\"eventType\":\"schema.checked\",\"payload\":{\"n\":\"six\"}}"));
        send(TestApp.ADMIN_KEY, "/v1/tenants/acme/messages", Map.of("Idempotency-Key", "k-1"), message("three"), true);

        for (Case c : cases) {
            // when the same request comes in the usual shape and chunked
            long before = fastSends();
            RawHttp.Response fast = send(TestApp.ADMIN_KEY, c.path, c.headers, c.body, false);
            long fastCount = fastSends() - before;
            RawHttp.Response jersey = send(TestApp.ADMIN_KEY, c.path, c.headers, c.body, true);

            // then the first took the fast lane, the second Jersey, and both answered alike
            assertThat(fastCount).as(c.name).isEqualTo(1);
            assertThat(fastSends() - before)
                    .as(c.name + ": the chunked send went to Jersey")
                    .isEqualTo(1);
            assertThat(fast.status()).as(c.name).isEqualTo(jersey.status());
            assertThat(normalised(fast.body())).as(c.name).isEqualTo(normalised(jersey.body()));
            assertThat(fast.headers().get("content-type")).as(c.name).isEqualTo(List.of("application/json"));
            assertThat(fast.headers().get("idempotent-replayed"))
                    .as(c.name)
                    .isEqualTo(jersey.headers().get("idempotent-replayed"));
        }
    }

    @Test
    void replayOfAFastSendIsTheSameMessageWithItsHeader() {
        RawHttp.Response first = send(
                TestApp.ADMIN_KEY, "/v1/tenants/acme/messages", Map.of("Idempotency-Key", "k-2"), message("x"), false);
        RawHttp.Response again = send(
                TestApp.ADMIN_KEY, "/v1/tenants/acme/messages", Map.of("Idempotency-Key", "k-2"), message("x"), false);
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().get("idempotent-replayed")).isEqualTo(List.of("true"));
        assertThat(again.json().path("id").asText())
                .isEqualTo(first.json().path("id").asText())
                .startsWith("msg_");
    }

    @Test
    void unusualRequestsAreLeftToJersey() {
        long before = fastSends();
        String key = newKey("acme");

        assertThat(http.call("POST", "/v1/tenants/acme/messages", null, message("a"))
                        .status())
                .isEqualTo(401);
        assertThat(http.call("POST", "/v1/tenants/acme/messages", "hl_not-a-key", message("a"))
                        .status())
                .isEqualTo(401);
        assertThat(http.call("POST", "/v1/tenants/acme/messages", key, message("a"), "text/plain")
                        .status())
                .isEqualTo(415);
        assertThat(send(key, "/v1/tenants/acme/messages", Map.of("Accept", "text/plain"), message("a"), false)
                        .status())
                .isEqualTo(406);
        RawHttp.Response encoded = http.call("POST", "/v1/tenants/%61cme/messages", key, message("a"));
        RawHttp.Response basic =
                send(null, "/v1/tenants/acme/messages", Map.of("Authorization", "Basic " + key), message("a"), false);

        assertThat(encoded.status()).isEqualTo(202); // Jersey decodes the tenant reference
        assertThat(basic.status()).isEqualTo(401);
        assertThat(fastSends() - before).isZero();
    }

    @Test
    void aKeyHasOneRateBudgetForBothLanes() {
        // given a key with a burst of three and one more per second
        String key = newKey("acme");

        // when it sends twice its burst at once, alternating lanes
        List<Integer> fastLane = new ArrayList<>();
        List<Integer> jerseyLane = new ArrayList<>();
        long before = fastSends();
        long start = System.nanoTime();
        for (int i = 0; i < 2 * BURST; i++) {
            boolean viaJersey = i % 2 == 1;
            (viaJersey ? jerseyLane : fastLane)
                    .add(send(key, "/v1/tenants/acme/messages", Map.of(), message("r" + i), viaJersey)
                            .status());
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // then the two lanes shared one burst (each with its own would have taken all six) and the rest got 429s
        long accepted = frequency(fastLane, 202) + frequency(jerseyLane, 202);
        assertThat(accepted).isBetween((long) BURST, (long) (BURST + Math.ceil(seconds)));
        assertThat(frequency(fastLane, 429) + frequency(jerseyLane, 429)).isEqualTo(2 * BURST - accepted);
        assertThat(fastSends() - before).isEqualTo(frequency(fastLane, 202));
        RawHttp.Response limited = send(key, "/v1/tenants/acme/messages", Map.of(), message("over"), false);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsKey("retry-after");
        assertThat(limited.json().path("error").asText()).isEqualTo("rate_limited");
    }

    @Test
    void mediaTypesAndCredentialsItTakes() {
        assertThat(FastSendFilter.isJsonOrAbsent(null)).isTrue();
        assertThat(FastSendFilter.isJsonOrAbsent("application/json")).isTrue();
        assertThat(FastSendFilter.isJsonOrAbsent("Application/JSON; charset=utf-8"))
                .isTrue();
        assertThat(FastSendFilter.isJsonOrAbsent("text/plain")).isFalse();
        assertThat(FastSendFilter.isJsonOrAbsent("application/json-patch+json")).isFalse();

        assertThat(FastSendFilter.acceptsJson(null)).isTrue();
        assertThat(FastSendFilter.acceptsJson("application/json")).isTrue();
        assertThat(FastSendFilter.acceptsJson("text/html, */*;q=0.1")).isTrue();
        assertThat(FastSendFilter.acceptsJson("application/*")).isTrue();
        assertThat(FastSendFilter.acceptsJson("text/plain")).isFalse();
        assertThat(FastSendFilter.acceptsJson("application/json;q=0")).isFalse();
        assertThat(FastSendFilter.acceptsJson("application/json;q=high")).isFalse();

        assertThat(ApiKeyAuthenticator.bearerToken("Bearer hl_abc")).isEqualTo("hl_abc");
        assertThat(ApiKeyAuthenticator.bearerToken("bearer hl_abc")).isEqualTo("hl_abc");
        assertThat(ApiKeyAuthenticator.bearerToken("Basic hl_abc")).isNull();
        assertThat(ApiKeyAuthenticator.bearerToken("Bearer")).isNull();
        assertThat(ApiKeyAuthenticator.bearerToken(" Bearer hl_abc")).isNull();
        assertThat(ApiKeyAuthenticator.bearerToken(null)).isNull();
    }

    private static long frequency(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    private static String message(String n) {
        return "{\"eventType\":\"a.b\",\"payload\":{\"n\":\"" + n + "\"}}";
    }

    private static RawHttp.Response send(
            String key, String path, Map<String, String> headers, String body, boolean chunked) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/json")
                // without a length the JDK client sends the body chunked
                .POST(
                        chunked
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return http.send(request.build());
    }

    /** Ids and times differ between two sends; everything else must not. */
    private static String normalised(String body) {
        return body.replaceAll("msg_[0-9A-Za-z]+", "msg_X")
                .replaceAll("\"createdAt\":\"[^\"]+\"", "\"createdAt\":\"T\"")
                .replaceAll("\"n\":\"[^\"]+\"", "\"n\":\"N\"");
    }

    private static long fastSends() {
        Meter sends = app.environment().metrics().meter(MetricRegistry.name(FastSendFilter.class, "sends"));
        return sends.getCount();
    }

    private static String tenantId(String uid) {
        return app.adminClient().tenants().get(uid).id();
    }

    private static String newKey(String tenant) {
        return app.adminClient()
                .apiKeys()
                .create(tenant, new ApiKeyIn("fast-lane"))
                .key();
    }
}
