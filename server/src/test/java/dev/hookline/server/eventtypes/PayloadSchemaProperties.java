package dev.hookline.server.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The API refuses exactly the payloads the JSON Schema validator refuses, over generated payloads against a few
 * schemas: flat fields with bounds and enums, a recursive tree (deep nesting), and strings of any Unicode plane; a
 * refusal names the paths the validator names. The server-wide default ({@code limits.validatePayloads}) turns the
 * check on here. The validator is used directly, from a registry of its own, as the oracle.
 */
class PayloadSchemaProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TestApp app = new TestApp(c -> {
        c.limits.validatePayloads = true;
        c.delivery.workerEnabled = false;
    });
    private static final SchemaRegistry ORACLE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static final Map<String, String> SCHEMAS = Map.of("prop.flat", """
            {"type":"object","required":["id","count"],
             "properties":{"id":{"type":"string","minLength":1,"maxLength":8},
                           "count":{"type":"integer","minimum":0,"maximum":100},
                           "status":{"enum":["new","paid","void"]},
                           "tags":{"type":"array","maxItems":3,"uniqueItems":true,"items":{"type":"string"}}},
             "additionalProperties":{"type":"boolean"}}""", "prop.tree", """
            {"$ref":"#/$defs/node",
             "$defs":{"node":{"type":"object","required":["name"],
                              "properties":{"name":{"type":"string","maxLength":3},
                                            "children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}""", "prop.text", """
            {"type":"object","properties":{"text":{"type":"string","minLength":2,"maxLength":4},
                                           "label":{"const":"Zoë 😀"}},
             "propertyNames":{"maxLength":6}}""");

    private static String tenantKey;
    private static RawHttp http;
    private static Map<String, Schema> oracles;

    @BeforeContainer
    static void startApp() throws Exception {
        app.start(PayloadSchemaProperties.class);
        http = app.raw();
        var admin = app.adminClient();
        admin.tenants().create(new TenantIn("Props", "props", null));
        tenantKey = admin.apiKeys().create("props", new ApiKeyIn("p")).key();
        java.util.HashMap<String, Schema> compiled = new java.util.HashMap<>();
        for (var e : SCHEMAS.entrySet()) {
            JsonNode schema = JSON.readTree(e.getValue());
            admin.eventTypes()
                    .create(EventTypeIn.builder(e.getKey()).schema(schema).build());
            compiled.put(e.getKey(), ORACLE.getSchema(schema));
        }
        oracles = Map.copyOf(compiled);
    }

    @AfterContainer
    static void stopApp() throws Exception {
        app.stop();
    }

    @Property(tries = 300)
    void flatPayloadsAreRefusedExactlyWhenTheValidatorRefusesThem(@ForAll("flat") ObjectNode payload) {
        assertApiAgreesWithValidator("prop.flat", payload);
    }

    @Property(tries = 200)
    void deeplyNestedTreesAreRefusedExactlyWhenTheValidatorRefusesThem(@ForAll("trees") ObjectNode payload) {
        assertApiAgreesWithValidator("prop.tree", payload);
    }

    @Property(tries = 300)
    void unicodeTextIsRefusedExactlyWhenTheValidatorRefusesIt(@ForAll("texts") ObjectNode payload) {
        assertApiAgreesWithValidator("prop.text", payload);
    }

    @Example
    void aPayloadNestedToTheBodyLimitIsCheckedAndOneBeyondItRefusedAsTooDeep() {
        // 30 tree levels are 60 JSON levels, and the body adds two: within the API's limit of 64
        ObjectNode deep = tree(30, "ok");
        assertThat(send("prop.tree", deep).status()).isEqualTo(202);
        ObjectNode deepAndWrong = tree(30, "toolong");
        RawHttp.Response refused = send("prop.tree", deepAndWrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fields())
                .singleElement()
                .satisfies(f -> assertThat(f)
                        .startsWith("payload/children/0/children/0/")
                        .endsWith("/name"));
        RawHttp.Response tooDeep = send("prop.tree", tree(40, "ok"));
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.json().path("details").get(0).path("message").asText())
                .contains("nest");
    }

    @Example
    void aOneMegabytePayloadIsCheckedWhole() {
        // given a payload just under the 1 MiB limit: a few fields and some 70,000 boolean extras ("b0": true, …)
        StringBuilder json = new StringBuilder(1_048_576).append("{\"id\":\"big\",\"count\":1,\"tags\":[\"a\"]");
        int n = 0;
        while (json.length() < 1_040_000) {
            json.append(",\"b").append(n++).append("\":true");
        }
        String valid = json.append('}').toString();
        String invalid = valid.substring(0, valid.length() - "true}".length()) + "\"not a boolean\"}";
        assertThat(valid.length()).isBetween(1_000_000, 1_048_576);

        // when it is sent as it is, and with its last value broken
        long started = System.nanoTime();
        RawHttp.Response accepted = sendRaw("prop.flat", valid);
        long millis = (System.nanoTime() - started) / 1_000_000;
        RawHttp.Response refused = sendRaw("prop.flat", invalid);

        // then the first is taken, and the second refused naming the one bad value and its rule
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fields()).containsExactly("payload/b" + (n - 1));
        assertThat(refused.json().path("details").get(0).path("rule").asText()).isEqualTo("type");
        assertThat(millis).as("a 1 MB send with its check, in ms").isLessThan(10_000);
    }

    // ---- the check

    private static void assertApiAgreesWithValidator(String eventType, ObjectNode payload) {
        List<Error> errors = oracles.get(eventType).validate(payload);
        RawHttp.Response response = send(eventType, payload);
        if (errors.isEmpty()) {
            assertThat(response.status()).as("%s %s", payload, response.body()).isEqualTo(202);
        } else {
            assertThat(response.status()).as("%s %s", payload, errors).isEqualTo(400);
            assertThat(response.fields())
                    .as("%s", payload)
                    .allSatisfy(f -> assertThat(f).startsWith("payload"));
            assertThat(response.json().path("details").findValuesAsText("rule"))
                    .containsExactlyInAnyOrderElementsOf(
                            errors.stream().map(Error::getKeyword).toList());
        }
    }

    private static RawHttp.Response send(String eventType, JsonNode payload) {
        ObjectNode body = NODES.objectNode().put("eventType", eventType);
        body.set("payload", payload);
        return http.call("POST", "/v1/tenants/props/messages", tenantKey, body.toString());
    }

    private static RawHttp.Response sendRaw(String eventType, String payloadJson) {
        return http.call(
                "POST",
                "/v1/tenants/props/messages",
                tenantKey,
                "{\"eventType\":\"" + eventType + "\",\"payload\":" + payloadJson + "}");
    }

    private static ObjectNode tree(int depth, String leafName) {
        ObjectNode root = NODES.objectNode().put("name", depth == 0 ? leafName : "n");
        if (depth > 0) {
            root.putArray("children").add(tree(depth - 1, leafName));
        }
        return root;
    }

    // ---- generators

    @Provide
    Arbitrary<ObjectNode> flat() {
        Arbitrary<JsonNode> id = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(10).map(NODES::textNode),
                Arbitraries.integers().between(-3, 3).map(NODES::numberNode),
                Arbitraries.just(NODES.nullNode()));
        Arbitrary<JsonNode> count = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 105).map(NODES::numberNode),
                Arbitraries.just(NODES.numberNode(1.5)),
                Arbitraries.just(NODES.textNode("7")));
        Arbitrary<JsonNode> status =
                Arbitraries.of("new", "paid", "void", "NEW", "").map(NODES::textNode);
        Arbitrary<JsonNode> tags = Arbitraries.of("a", "b", "c", "d")
                .list()
                .ofMaxSize(5)
                .map(list -> {
                    ArrayNode array = NODES.arrayNode();
                    list.forEach(array::add);
                    return array;
                });
        Arbitrary<JsonNode> extra = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(NODES::booleanNode), Arbitraries.just(NODES.textNode("x")));
        return Combinators.combine(
                        id.injectNull(0.2),
                        count.injectNull(0.2),
                        status.injectNull(0.5),
                        tags.injectNull(0.5),
                        extra.injectNull(0.6))
                .as((i, c, s, t, x) -> {
                    ObjectNode o = NODES.objectNode();
                    setIfPresent(o, "id", i);
                    setIfPresent(o, "count", c);
                    setIfPresent(o, "status", s);
                    setIfPresent(o, "tags", t);
                    setIfPresent(o, "extra", x);
                    return o;
                });
    }

    @Provide
    Arbitrary<ObjectNode> trees() {
        return Arbitraries.lazyOf(() -> node(0));
    }

    private Arbitrary<ObjectNode> node(int depth) {
        Arbitrary<String> name = Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(4);
        if (depth >= 25) {
            return name.map(n -> NODES.objectNode().put("name", n));
        }
        Arbitrary<List<ObjectNode>> children =
                Arbitraries.lazy(() -> node(depth + 1)).list().ofMaxSize(depth < 3 ? 2 : 1);
        return Combinators.combine(name.injectNull(0.05), children.injectNull(0.3))
                .as((n, kids) -> {
                    ObjectNode o = NODES.objectNode();
                    if (n != null) {
                        o.put("name", n);
                    }
                    if (kids != null) {
                        o.putArray("children").addAll(kids);
                    }
                    return o;
                });
    }

    @Provide
    Arbitrary<ObjectNode> texts() {
        Arbitrary<String> codePoints = Arbitraries.integers()
                .between(0x20, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .map(Character::toString)
                .list()
                .ofMinSize(0)
                .ofMaxSize(6)
                .map(parts -> String.join("", parts));
        Arbitrary<String> label = Arbitraries.of("Zoë 😀", "Zoe 😀", "Zoë", "Zoe\u0308 😀");
        Arbitrary<String> key = Arbitraries.of("text", "label", "größe", "日本語のキー名", "😀😀😀😀😀😀😀");
        return Combinators.combine(codePoints.injectNull(0.2), label.injectNull(0.5), key, codePoints)
                .as((text, l, k, v) -> {
                    ObjectNode o = NODES.objectNode();
                    if (text != null) {
                        o.put("text", text);
                    }
                    if (l != null) {
                        o.put("label", l);
                    }
                    if (!k.equals("text") && !k.equals("label")) {
                        o.put(k, v);
                    }
                    return o;
                });
    }

    private static void setIfPresent(ObjectNode o, String field, JsonNode value) {
        if (value != null) {
            o.set(field, value);
        }
    }
}
