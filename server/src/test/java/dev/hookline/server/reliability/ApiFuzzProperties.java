package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jdbi.v3.core.Handle;

/**
 * Property-based tests over every request body, path id and query parameter of the API: random JSON, mutated valid
 * bodies (wrong types, huge and deeply nested values, invalid UTF-8, control characters), overlong ids and forged
 * iterators. Whatever arrives, the answer is never a 5xx, every 4xx has the error body, and a refused request
 * stores nothing. jqwik runs beside Jupiter on the JUnit Platform; the app is started by hand since jqwik has no
 * Jupiter extensions. Each property makes 1,000 tries ({@code jqwik.tries.default} in junit-platform.properties;
 * {@code -Djqwik.tries.default=N} for more), and a failure's message names the seed that reproduces it.
 */
class ApiFuzzProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestApp app = new TestApp();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong probes = new AtomicLong();
    private static final AtomicLong serverErrors = new AtomicLong();
    private static String tenantKey;
    /** One connection for the row counts: the test environment's data source opens a new one per handle. */
    private static Handle database;

    /** One operation that takes a body; {@code admin} says which key calls it. */
    record Route(String method, String path, boolean admin, String validBody) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Route> BODY_ROUTES = List.of(
            new Route("POST", "/v1/tenants", true, "{\"name\":\"n\",\"uid\":\"u1\",\"metadata\":{\"a\":\"b\"}}"),
            new Route("PATCH", "/v1/tenants/fuzz", true, "{\"name\":\"renamed\",\"metadata\":{}}"),
            new Route("POST", "/v1/tenants/fuzz/api-keys", true, "{\"name\":\"k\"}"),
            new Route("POST", "/v1/event-types", true, "{\"name\":\"a.b\",\"description\":\"d\",\"schema\":{}}"),
            new Route("PATCH", "/v1/event-types/fuzz.type", true, "{\"description\":\"d\",\"archived\":false}"),
            new Route(
                    "POST",
                    "/v1/tenants/fuzz/endpoints",
                    false,
                    "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"a.b\"],\"channels\":[\"c\"],"
                            + "\"headers\":{\"X-A\":\"b\"},\"rateLimit\":5,\"metadata\":{}}"),
            new Route("PATCH", "/v1/tenants/fuzz/endpoints/main", false, "{\"description\":\"d\",\"disabled\":false}"),
            new Route("POST", "/v1/tenants/fuzz/endpoints/main/secret/rotate", false, "{\"gracePeriodSeconds\":0}"),
            new Route(
                    "POST",
                    "/v1/tenants/fuzz/messages",
                    false,
                    "{\"eventType\":\"a.b\",\"payload\":{\"x\":[1,2,{\"y\":null}]},\"eventId\":\"e1\",\"channels\":[\"c\"]}"),
            new Route(
                    "POST",
                    "/v1/tenants/fuzz/messages/batch",
                    false,
                    "{\"messages\":[{\"eventType\":\"a.b\",\"payload\":{}},{\"eventType\":\"c\",\"payload\":{\"z\":1}}]}"));

    /** Reads: each with the query parameters it takes and where hostile ids go ({id}). */
    private static final List<String> READS = List.of(
            "/v1/tenants?limit={q}&iterator={q}",
            "/v1/tenants/{id}",
            "/v1/tenants/{id}/api-keys?limit={q}&iterator={q}",
            "/v1/tenants/fuzz/endpoints?limit={q}&iterator={q}",
            "/v1/tenants/fuzz/endpoints/{id}",
            "/v1/tenants/fuzz/endpoints/{id}/secret",
            "/v1/tenants/{id}/endpoints",
            "/v1/tenants/fuzz/messages?eventType={q}&channel={q}&limit={q}&iterator={q}",
            "/v1/tenants/fuzz/messages/{id}",
            "/v1/tenants/fuzz/messages/{id}/deliveries",
            "/v1/tenants/fuzz/attempts?endpointId={q}&messageId={q}&status={q}&limit={q}&iterator={q}",
            "/v1/tenants/fuzz/attempts/{id}",
            "/v1/event-types?limit={q}&iterator={q}",
            "/v1/event-types/{id}");

    @BeforeContainer
    static void startApp() throws Exception {
        app.start(ApiFuzzProperties.class);
        database = app.env().jdbi().open();
        var admin = app.adminClient();
        admin.tenants().create(new TenantIn("Fuzz", "fuzz", null));
        admin.eventTypes().create(new EventTypeIn("fuzz.type", "d", null, false));
        tenantKey = admin.apiKeys().create("fuzz", new ApiKeyIn("fuzz")).key();
        app.client(tenantKey)
                .endpoints()
                .create(
                        "fuzz",
                        EndpointIn.builder("http://127.0.0.1:9/main")
                                .uid("main")
                                .build());
    }

    @AfterContainer
    static void stopApp() throws Exception {
        Reliability.report("api-fuzz", "probes", probes.get(), "5xx", serverErrors.get());
        database.close();
        app.stop();
    }

    @Property
    void randomJsonBodiesAreNeverA5xxAndRefusalsStoreNothing(
            @ForAll("bodyRoutes") Route route, @ForAll("jsonBodies") String body) throws Exception {
        assertSafe(route, body.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutatedValidBodiesAreNeverA5xxAndRefusalsStoreNothing(
            @ForAll("mutatedBodies") Tuple.Tuple2<Route, byte[]> probe) throws Exception {
        assertSafe(probe.get1(), probe.get2());
    }

    @Property
    void hostileIdsAndQueryParametersAreNeverA5xx(
            @ForAll("reads") String template, @ForAll("hostileText") String value, @ForAll boolean admin)
            throws Exception {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        String path = template.replace("{id}", encoded).replace("{q}", encoded);
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).GET(), admin);
        assertErrorContract("GET " + path, r);
    }

    // ---- checks

    private static void assertSafe(Route route, byte[] body) throws Exception {
        String before = rowCounts();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + route.path()))
                .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        HttpResponse<String> r = send(request, route.admin());
        assertErrorContract(route.toString(), r);
        if (r.statusCode() >= 400) {
            assertThat(rowCounts())
                    .as("%s refused with %d stored something", route, r.statusCode())
                    .isEqualTo(before);
        }
    }

    private static void assertErrorContract(String what, HttpResponse<String> r) throws IOException {
        probes.incrementAndGet();
        if (r.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        }
        assertThat(r.statusCode()).as("%s answered %s", what, r.body()).isLessThan(500);
        if (r.statusCode() >= 400) {
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.path("code").asInt()).as(what).isEqualTo(r.statusCode());
            assertThat(error.path("error").asText()).as(what).isNotBlank();
            assertThat(error.path("message").asText()).as(what).isNotBlank();
            assertThat(error.path("details").isArray()).as(what).isTrue();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, boolean admin) throws Exception {
        request.timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + (admin ? TestApp.ADMIN_KEY : tenantKey));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a refused request must leave as it was: the number of rows of every table it could write. */
    private static String rowCounts() {
        return database.createQuery("""
                SELECT concat_ws(',', (SELECT count(*) FROM tenants), (SELECT count(*) FROM api_keys),
                    (SELECT count(*) FROM event_types), (SELECT count(*) FROM endpoints),
                    (SELECT count(*) FROM endpoint_secrets), (SELECT count(*) FROM messages),
                    (SELECT count(*) FROM deliveries), (SELECT string_agg(name || updated_at, ';') FROM tenants),
                    (SELECT string_agg(coalesce(description, '') || updated_at, ';') FROM event_types),
                    (SELECT string_agg(description || updated_at, ';') FROM endpoints))
                """).mapTo(String.class).one();
    }

    // ---- generators

    @Provide
    Arbitrary<Route> bodyRoutes() {
        return Arbitraries.of(BODY_ROUTES);
    }

    @Provide
    Arbitrary<String> reads() {
        return Arbitraries.of(READS);
    }

    @Provide
    Arbitrary<String> jsonBodies() {
        return Arbitraries.frequencyOf(Tuple.of(6, object(3)), Tuple.of(2, value(2)), Tuple.of(1, deepNesting()));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Route, byte[]>> mutatedBodies() {
        return Combinators.combine(
                        Arbitraries.of(BODY_ROUTES),
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 1_000_000),
                        value(2),
                        hostileText())
                .as((route, kind, where, json, text) ->
                        Tuple.of(route, mutate(route.validBody(), kind, where, json, text)));
    }

    /** Ids and parameter values an attacker would try: overlong, forged iterators, injection, control characters. */
    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('0', 'Z')
                                .ofLength(26)
                                .map(s -> "msg_" + s)),
                Tuple.of(
                        1,
                        Arbitraries.strings().alpha().numeric().ofMinLength(300).ofMaxLength(3000)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "' OR 1=1 --",
                                "../../etc/passwd",
                                "%00",
                                "\u0000",
                                "-1",
                                "0",
                                "251",
                                "99999999999999999999",
                                "NaN",
                                "ep_01JD5X3M8ZK4Q2W7R9T6B1C0HY",
                                "tnt_",
                                "{\"$gt\":\"\"}",
                                "\r\nX-Injected: 1",
                                "\uD800",
                                "\uFEFF",
                                "succeeded\u0000",
                                "null")));
    }

    private static byte[] mutate(String valid, int kind, int where, String json, String text) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int at = where % bytes.length;
        return switch (kind) {
            case 0 -> java.util.Arrays.copyOf(bytes, at); // truncated
            case 1 -> splice(bytes, at, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}); // invalid UTF-8
            case 2 -> splice(bytes, at, new byte[] {0x00, 0x01, 0x1B, 0x7F}); // control characters
            case 3 -> { // flip one byte
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 + where % 255);
                yield copy;
            }
            case 4 -> replaceFirstValue(valid, json); // a field of the wrong type
            case 5 -> replaceFirstValue(valid, quote(text)); // a hostile string value
            case 6 -> replaceFirstValue(valid, quote("x".repeat(300_000 + where % 1000))); // huge value
            default -> replaceFirstValue(valid, "[".repeat(100 + where % 900) + "]".repeat(100 + where % 900)); // deep
        };
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    /** Replaces the value of the body's first field with {@code replacement} (raw JSON text). */
    private static byte[] replaceFirstValue(String valid, String replacement) {
        int colon = valid.indexOf(':');
        int end = colon + 1;
        int depth = 0;
        boolean inString = false;
        for (; end < valid.length(); end++) {
            char c = valid.charAt(end);
            if (inString) {
                inString = c != '"' || valid.charAt(end - 1) == '\\';
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth-- == 0) {
                    break;
                }
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return (valid.substring(0, colon + 1) + replacement + valid.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static Arbitrary<String> deepNesting() {
        return Arbitraries.integers().between(1, 3000).map(n -> "{\"payload\":" + "[".repeat(n) + "]".repeat(n) + "}");
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(
                        4,
                        Arbitraries.of(
                                "url",
                                "eventType",
                                "payload",
                                "eventId",
                                "channels",
                                "name",
                                "uid",
                                "metadata",
                                "headers",
                                "eventTypes",
                                "secret",
                                "secretType",
                                "key",
                                "gracePeriodSeconds",
                                "messages",
                                "schema",
                                "description",
                                "disabled",
                                "rateLimit",
                                "archived")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
        Arbitrary<String> member = Combinators.combine(key, value(depth)).as((k, v) -> quote(k) + ":" + v);
        return member.list().ofMaxSize(6).map(m -> "{" + String.join(",", m) + "}");
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(30).map(ApiFuzzProperties::quote)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1000)
                                .ofMaxLength(5000)
                                .map(ApiFuzzProperties::quote)),
                Tuple.of(2, Arbitraries.longs().map(Object::toString)),
                Tuple.of(1, Arbitraries.of("1e309", "-0", "0.0000001", "123456789012345678901234567890", "1.5")),
                Tuple.of(2, Arbitraries.of("true", "false", "null")),
                Tuple.of(
                        1,
                        Arbitraries.of("http://127.0.0.1:9/x", "https://[::1]/", "a.b", "whsec_AAAA", "")
                                .map(ApiFuzzProperties::quote)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1))
                .list()
                .ofMaxSize(5)
                .map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf), Tuple.of(1, array), Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
