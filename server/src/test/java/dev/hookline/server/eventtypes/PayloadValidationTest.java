package dev.hookline.server.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.core.redis.RedisUrl;
import dev.hookline.sdk.ValidationException;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.MessageBatchOut;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * With {@code validatePayloads}, a send whose payload fails its event type's schema is refused with each failing
 * path and rule, through both doors a send comes in by; in a batch only the failing messages are refused; and a
 * schema change reaches every API server's cache at once.
 */
class PayloadValidationTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    static final ObjectMapper JSON = new ObjectMapper();
    static String tenantKey;
    static RawHttp http;

    static final String SCHEMA = """
        {"type":"object","required":["orderId","total"],"additionalProperties":false,
         "properties":{"orderId":{"type":"string","pattern":"^ord_"},
                       "total":{"type":"number","minimum":0},
                       "note":{"type":"string","maxLength":5}}}""";

    @BeforeAll
    static void catalogue() throws Exception {
        http = app.raw();
        app.adminClient().tenants().create(new TenantIn("Shop", "shop", null));
        tenantKey =
                app.adminClient().apiKeys().create("shop", new ApiKeyIn("k")).key();
        app.adminClient()
                .eventTypes()
                .create(EventTypeIn.builder("order.placed")
                        .schema(JSON.readTree(SCHEMA))
                        .validatePayloads(true)
                        .build());
        app.adminClient()
                .eventTypes()
                .create(EventTypeIn.builder("order.documented")
                        .schema(JSON.readTree(SCHEMA))
                        .build());
    }

    @Test
    void aFailingPayloadIsA400NamingEachPathAndRuleThroughBothDoors() {
        String body = "{\"eventType\":\"order.placed\",\"payload\":{\"orderId\":\"x_1\",\"total\":-1,\"extra\":true}}";
        for (boolean chunked : List.of(false, true)) {
            // when the send comes in the usual shape (the fast filter) and chunked (Jersey's resource)
            RawHttp.Response refused = send("/v1/tenants/shop/messages", body, chunked);

            // then both are the same 400 naming every failing JSON path and rule
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).isEqualTo("validation_failed");
            assertThat(refused.fields())
                    .as("chunked " + chunked)
                    .containsExactlyInAnyOrder("payload/orderId", "payload/total", "payload/extra");
            assertThat(refused.json().path("details").findValuesAsText("rule"))
                    .containsExactlyInAnyOrder("pattern", "minimum", "additionalProperties");
        }
        RawHttp.Response repeated = send(
                "/v1/tenants/shop/messages",
                "{\"eventType\":\"order.placed\",\"payload\":{\"orderId\":\"ord_1\",\"total\":1,\"total\":-1}}",
                false);
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.fields()).containsExactly("payload");
        assertThat(send("/v1/tenants/shop/messages", "{\"eventType\":\"order.placed\",\"payload\":{}}", false)
                        .fields())
                .containsExactlyInAnyOrder("payload/orderId", "payload/total");
        assertThat(http.call("GET", "/v1/tenants/shop/messages?eventType=order.placed&limit=250", tenantKey, null)
                        .body())
                .doesNotContain("x_1");
    }

    @Test
    void passingPayloadsAndUncheckedTypesAreAccepted() {
        String valid = "{\"orderId\":\"ord_1\",\"total\":12.5,\"note\":\"ünï\"}";
        assertThat(send(
                                "/v1/tenants/shop/messages",
                                "{\"eventType\":\"order.placed\",\"payload\":" + valid + "}",
                                false)
                        .status())
                .isEqualTo(202);
        // a type whose schema is documentation only (validatePayloads unset, server default off), and one not
        // catalogued
        assertThat(send(
                                "/v1/tenants/shop/messages",
                                "{\"eventType\":\"order.documented\",\"payload\":{\"x\":1}}",
                                false)
                        .status())
                .isEqualTo(202);
        assertThat(send("/v1/tenants/shop/messages", "{\"eventType\":\"never.catalogued\",\"payload\":{\"x\":1}}", true)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void inABatchOnlyTheFailingMessagesAreRefusedAndTheAnswerSaysWhich() {
        String ok = "{\"eventType\":\"order.placed\",\"payload\":{\"orderId\":\"ord_b1\",\"total\":1}}";
        String bad = "{\"eventType\":\"order.placed\",\"payload\":{\"orderId\":\"ord_b2\",\"total\":\"1\"}}";
        String unchecked = "{\"eventType\":\"order.documented\",\"payload\":{\"n\":1}}";

        // when a batch has one failing message among three
        RawHttp.Response partial = http.call(
                "POST",
                "/v1/tenants/shop/messages/batch",
                tenantKey,
                "{\"messages\":[" + ok + "," + bad + "," + unchecked + "]}");

        // then the two others are stored, and the answer is a 207 naming the refused one by index
        assertThat(partial.status()).as(partial.body()).isEqualTo(207);
        JsonNode answer = partial.json();
        assertThat(answer.path("data")).hasSize(2);
        assertThat(answer.path("data").get(0).path("payload").path("orderId").asText())
                .isEqualTo("ord_b1");
        assertThat(answer.path("errors")).hasSize(1);
        assertThat(answer.path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("errors")
                        .get(0)
                        .path("details")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("messages.1.payload/total");
        assertThat(answer.path("errors")
                        .get(0)
                        .path("details")
                        .get(0)
                        .path("rule")
                        .asText())
                .isEqualTo("type");

        // and a batch of only failing messages is a 400 that stores nothing; one with none failing is the usual 202
        RawHttp.Response none = http.call(
                "POST", "/v1/tenants/shop/messages/batch", tenantKey, "{\"messages\":[" + bad + "," + bad + "]}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.fields()).containsExactly("messages.0.payload/total", "messages.1.payload/total");
        RawHttp.Response all =
                http.call("POST", "/v1/tenants/shop/messages/batch", tenantKey, "{\"messages\":[" + ok + "]}");
        assertThat(all.status()).isEqualTo(202);
        assertThat(all.json().path("errors")).isEmpty();

        // and the SDK says which were refused, or refuses to hide them
        var sdk = app.client(tenantKey).messages();
        List<MessageIn> batch = List.of(
                MessageIn.of("order.placed", tree("{\"orderId\":\"ord_s1\",\"total\":1}")),
                MessageIn.of("order.placed", tree("{\"orderId\":\"nope\",\"total\":1}")));
        MessageBatchOut detailed = sdk.sendBatchDetailed("shop", batch);
        assertThat(detailed.data()).hasSize(1);
        assertThat(detailed.errors()).extracting(MessageBatchOut.Refused::index).containsExactly(1);
        Assertions.assertThatThrownBy(() -> sdk.sendBatch("shop", batch))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.details())
                                .extracting(d -> d.field())
                                .containsExactly("messages.1.payload/orderId"));
    }

    @Test
    void aSchemaChangeReachesAnotherServersCacheAtOnce() throws Exception {
        // given a second API server's catalogue over the same database and Redis, which has compiled the schema
        Jdbi jdbi = app.env().jdbi();
        try (UnifiedJedis redis = RedisUrl.parse(app.env().redisUrl()).connect()) {
            EventTypeCatalog other = new EventTypeCatalog(jdbi, false);
            EventTypeCatalogSync sync =
                    new EventTypeCatalogSync(redis, app.env().redisPrefix(), other);
            sync.start();
            try {
                app.adminClient()
                        .eventTypes()
                        .create(EventTypeIn.builder("cache.checked")
                                .schema(tree("{\"type\":\"object\",\"required\":[\"a\"]}"))
                                .validatePayloads(true)
                                .build());
                byte[] payload = "{\"b\":1}".getBytes(StandardCharsets.UTF_8);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> other.trusted()
                                && !other.violations("cache.checked", "payload", payload)
                                        .isEmpty());

                // when this server turns the type's validation off
                app.adminClient()
                        .eventTypes()
                        .update("cache.checked", new EventTypePatch(null, null, null, null, null, null, false));

                // then the other server stops refusing within moments, not at its entries' expiry
                await().atMost(Duration.ofSeconds(2))
                        .until(() -> other.violations("cache.checked", "payload", payload)
                                .isEmpty());
            } finally {
                sync.stop();
            }
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RawHttp.Response send(String path, String body, boolean chunked) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tenantKey)
                .POST(
                        chunked
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                                : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.send(request);
    }
}
