package dev.hookline.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.endpoints.EndpointDao;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointPatch;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Endpoints over HTTP, as a production install runs them: https only, private networks refused, a per-tenant cap.
 * The worker is off and no message is sent, so none of the URLs here is ever contacted.
 */
class EndpointsApiTest {
    static final int CAP = 5;

    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.security.allowInsecureUrls = false;
        c.security.allowPrivateNetworks = false;
        c.limits.maxEndpointsPerTenant = CAP;
        c.limits.maxRequestBytes = 16 * 1024;
        c.delivery.workerEnabled = false;
    });

    static final String OK_URL = "https://hooks.example.com/in";
    static final AtomicInteger tenants = new AtomicInteger();
    static RawHttp http;

    @BeforeAll
    static void tenant() {
        http = app.raw();
        app.adminClient().tenants().create(new TenantIn("Rules", "rules", null));
        app.adminClient()
                .endpoints()
                .create("rules", EndpointIn.builder(OK_URL).uid("patch-target").build());
    }

    static String newTenant() {
        String uid = "t" + tenants.incrementAndGet();
        app.adminClient().tenants().create(new TenantIn(uid, uid, null));
        return uid;
    }

    static Stream<Arguments> invalidEndpoints() {
        String headers21 =
                IntStream.range(0, 21).mapToObj(i -> "\"X-H" + i + "\":\"v\"").collect(Collectors.joining(","));
        String types51 = IntStream.range(0, 51).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        String channels11 =
                IntStream.range(0, 11).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("{}", "url", "is required"),
                Arguments.of(url("https://hooks.example.com/" + "a".repeat(2048)), "url", "at most 2048"),
                Arguments.of(url("not a url"), "url", "not a valid URL"),
                Arguments.of(url("/relative/path"), "url", "absolute"),
                Arguments.of(url("ftp://hooks.example.com/"), "url", "https"),
                Arguments.of(url("http://hooks.example.com/"), "url", "must use https"),
                Arguments.of(url("https://user:pw@hooks.example.com/"), "url", "credentials"),
                Arguments.of(url("https://hooks.example.com/#frag"), "url", "fragment"),
                Arguments.of(url("https://127.0.0.1/"), "url", "loopback"),
                Arguments.of(url("https://[::1]:8443/"), "url", "loopback"),
                Arguments.of(url("https://localhost/"), "url", "loopback"),
                Arguments.of(with("description", "\"" + "d".repeat(1025) + "\""), "description", "at most 1024"),
                Arguments.of(with("headers", "{" + headers21 + "}"), "headers", "at most 20"),
                Arguments.of(with("headers", "{\"webhook-id\":\"x\"}"), "headers.webhook-id", "set by Hookline"),
                Arguments.of(
                        with("headers", "{\"Webhook-Signature\":\"x\"}"),
                        "headers.Webhook-Signature",
                        "set by Hookline"),
                Arguments.of(with("headers", "{\"Host\":\"evil\"}"), "headers.Host", "set by Hookline"),
                Arguments.of(
                        with("headers", "{\"content-length\":\"1\"}"), "headers.content-length", "set by Hookline"),
                Arguments.of(with("headers", "{\"Connection\":\"close\"}"), "headers.Connection", "set by Hookline"),
                Arguments.of(
                        with("headers", "{\"Transfer-Encoding\":\"chunked\"}"),
                        "headers.Transfer-Encoding",
                        "set by Hookline"),
                Arguments.of(with("headers", "{\"X-A\":\"a\\r\\nX-Injected: 1\"}"), "headers.X-A", "CR, LF"),
                Arguments.of(with("headers", "{\"X-B\":\"line\\nbreak\"}"), "headers.X-B", "CR, LF"),
                Arguments.of(with("headers", "{\"Bad Name\":\"v\"}"), "headers.Bad Name", "not a valid header name"),
                Arguments.of(with("headers", "{\"X-C\":null}"), "headers.X-C", "must not be null"),
                Arguments.of(with("eventTypes", "[" + types51 + "]"), "eventTypes", "at most 50"),
                Arguments.of(with("eventTypes", "[\"ok\",\"not ok\"]"), "eventTypes.1", "letters, digits"),
                Arguments.of(with("channels", "[" + channels11 + "]"), "channels", "at most 10"),
                Arguments.of(with("channels", "[\"a/b\"]"), "channels.0", "letters, digits"),
                Arguments.of(with("rateLimit", "-1"), "rateLimit", "between"),
                Arguments.of(with("rateLimit", "100001"), "rateLimit", "between"),
                Arguments.of(with("uid", "\"has space\""), "uid", "letters, digits"),
                Arguments.of(with("uid", "\"ep_01JD5X3M8ZK4Q2W7R9T6B1C0HY\""), "uid", "shape of a Hookline id"),
                Arguments.of(with("metadata", "{\"k\":\"" + "v".repeat(1025) + "\"}"), "metadata.k", "at most 1024"),
                Arguments.of(with("secret", "\"whsec_c2hvcnQ=\""), "secret", "24 to 64 bytes"),
                Arguments.of(with("secret", "\"whsec_" + "A".repeat(88) + "\""), "secret", "24 to 64 bytes"),
                Arguments.of(with("secret", "\"whsec_not base64!\""), "secret", "base64"),
                Arguments.of(with("secret", "\"plain\""), "secret", "must start with whsec_"),
                Arguments.of(with("secret", "\"whsk_c2hvcnQ=\""), "secret", "Ed25519"),
                Arguments.of(with("secretType", "\"rsa\""), "secretType", "hmac or ed25519"),
                Arguments.of(with("eventTypes", "\"not-a-list\""), "eventTypes", "wrong type"),
                Arguments.of(with("color", "\"blue\""), "color", "unknown field"));
    }

    static String url(String url) {
        return "{\"url\":\"" + url + "\"}";
    }

    static String with(String field, String json) {
        return "{\"url\":\"" + OK_URL + "\",\"" + field + "\":" + json + "}";
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidEndpoints")
    void invalidEndpointIsRefusedWith400NamingTheField(String body, String field, String message) {
        // when the endpoint is created, and when an existing one is patched with the same fields
        RawHttp.Response created = http.call("POST", "/v1/tenants/rules/endpoints", TestApp.ADMIN_KEY, body);

        // then the answer is a 400 whose details name exactly that field
        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.json().path("error").asText()).isEqualTo("validation_failed");
        assertThat(created.fields()).containsExactly(field);
        assertThat(created.json().path("details").get(0).path("message").asText())
                .contains(message);
        assertThat(created.body()).doesNotContain("Exception").doesNotContain("at dev.hookline");
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidEndpoints")
    void invalidPatchIsRefusedWith400NamingTheField(String body, String field, String message) {
        if (body.equals("{}") || field.startsWith("secret")) {
            return; // a patch needs no url, and secrets change through rotation
        }
        RawHttp.Response patched = http.call(
                "PATCH",
                "/v1/tenants/rules/endpoints/patch-target",
                TestApp.ADMIN_KEY,
                body.replace("\"url\":\"" + OK_URL + "\",", ""));
        assertThat(patched.status()).as(patched.body()).isEqualTo(400);
        assertThat(patched.fields()).containsExactly(field);
    }

    @Test
    void everyProblemOfOneBodyIsNamedInOneAnswer() {
        RawHttp.Response response = http.call(
                "POST",
                "/v1/tenants/rules/endpoints",
                TestApp.ADMIN_KEY,
                "{\"url\":\"http://hooks.example.com\",\"description\":\"" + "d".repeat(1025)
                        + "\",\"headers\":{\"host\":\"x\"},\"rateLimit\":-5}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fields()).containsExactlyInAnyOrder("url", "description", "headers.host", "rateLimit");
    }

    @Test
    void validEndpointKeepsEveryFieldAndPatchChangesOnlyWhatItNames() {
        String tenant = newTenant();
        HooklineClient admin = app.adminClient();
        Endpoint created = admin.endpoints()
                .create(
                        tenant,
                        EndpointIn.builder(OK_URL)
                                .uid("main")
                                .description("billing")
                                .eventTypes(List.of("invoice.paid"))
                                .channels(List.of("eu"))
                                .rateLimit(25)
                                .headers(Map.of("X-Team", "billing"))
                                .metadata(Map.of("owner", "ops"))
                                .build());

        assertThat(created.id()).startsWith("ep_");
        assertThat(created)
                .extracting(
                        Endpoint::url,
                        Endpoint::uid,
                        Endpoint::description,
                        Endpoint::eventTypes,
                        Endpoint::channels,
                        Endpoint::rateLimit,
                        Endpoint::headers,
                        Endpoint::metadata,
                        Endpoint::disabled)
                .containsExactly(
                        OK_URL,
                        "main",
                        "billing",
                        List.of("invoice.paid"),
                        List.of("eu"),
                        25,
                        Map.of("X-Team", "billing"),
                        Map.of("owner", "ops"),
                        false);
        assertThat(admin.endpoints().get(tenant, "main")).isEqualTo(created);

        // when a patch names only the description and clears the rate limit
        Endpoint patched = admin.endpoints()
                .update(tenant, "main", new EndpointPatch(null, null, "billing v2", null, null, null, 0, null, null));

        // then the rest is unchanged
        assertThat(patched.description()).isEqualTo("billing v2");
        assertThat(patched.rateLimit()).isNull();
        assertThat(patched.url()).isEqualTo(OK_URL);
        assertThat(patched.eventTypes()).isEqualTo(List.of("invoice.paid"));
        assertThat(patched.headers()).isEqualTo(Map.of("X-Team", "billing"));
        assertThat(patched.updatedAt()).isAfterOrEqualTo(created.updatedAt());

        // and every field can be changed at once
        Endpoint all = admin.endpoints()
                .update(
                        tenant,
                        created.id(),
                        new EndpointPatch(
                                "https://hooks.example.org/x",
                                "main-2",
                                "",
                                List.of(),
                                List.of("us"),
                                true,
                                10,
                                Map.of(),
                                Map.of("owner", "dev")));
        assertThat(all)
                .extracting(
                        Endpoint::url,
                        Endpoint::uid,
                        Endpoint::description,
                        Endpoint::eventTypes,
                        Endpoint::channels,
                        Endpoint::disabled,
                        Endpoint::rateLimit,
                        Endpoint::headers,
                        Endpoint::metadata)
                .containsExactly(
                        "https://hooks.example.org/x",
                        "main-2",
                        "",
                        List.of(),
                        List.of("us"),
                        true,
                        10,
                        Map.of(),
                        Map.of("owner", "dev"));
    }

    @Test
    void reEnablingAnEndpointClearsWhyItWasDisabled() {
        String tenant = newTenant();
        HooklineClient admin = app.adminClient();
        Endpoint endpoint =
                admin.endpoints().create(tenant, EndpointIn.builder(OK_URL).build());
        // given the worker disabled it (410 Gone)
        app.env()
                .jdbi()
                .useExtension(EndpointDao.class, dao -> dao.disable(endpoint.id(), "answered 410 Gone", Instant.now()));
        assertThat(admin.endpoints().get(tenant, endpoint.id()).disabledReason())
                .isEqualTo("answered 410 Gone");

        // when the tenant re-enables it
        Endpoint enabled = admin.endpoints()
                .update(
                        tenant,
                        endpoint.id(),
                        new EndpointPatch(null, null, null, null, null, false, null, null, null));

        // then it is enabled with no reason left; disabling by hand records that
        assertThat(enabled.disabled()).isFalse();
        assertThat(enabled.disabledReason()).isNull();
        Endpoint disabled = admin.endpoints()
                .update(tenant, endpoint.id(), new EndpointPatch(null, null, null, null, null, true, null, null, null));
        assertThat(disabled.disabledReason()).isEqualTo("disabled by the tenant");
    }

    @Test
    void tenantEndpointCapIsEnforcedWithAClearConflict() {
        String tenant = newTenant();
        for (int i = 0; i < CAP; i++) {
            app.adminClient()
                    .endpoints()
                    .create(tenant, EndpointIn.builder(OK_URL).build());
        }
        RawHttp.Response over =
                http.call("POST", "/v1/tenants/" + tenant + "/endpoints", TestApp.ADMIN_KEY, url(OK_URL));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.json().path("error").asText()).isEqualTo("limit_reached");
        assertThat(over.json().path("message").asText()).contains(Integer.toString(CAP));
    }

    @Test
    void duplicateUidIsAConflictAndUnknownIdsAreNotFound() {
        String tenant = newTenant();
        http.call("POST", "/v1/tenants/" + tenant + "/endpoints", TestApp.ADMIN_KEY, with("uid", "\"dup\""));
        RawHttp.Response duplicate =
                http.call("POST", "/v1/tenants/" + tenant + "/endpoints", TestApp.ADMIN_KEY, with("uid", "\"dup\""));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.fields()).containsExactly("uid");

        for (String path : List.of(
                "/v1/tenants/" + tenant + "/endpoints/ep_01JD5X3M8ZK4Q2W7R9T6B1C0HY",
                "/v1/tenants/" + tenant + "/endpoints/nope/secret",
                "/v1/tenants/nope/endpoints",
                "/v1/no-such-resource")) {
            RawHttp.Response missing = http.call("GET", path, TestApp.ADMIN_KEY, null);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void requestContractErrorsHaveTheErrorBody() {
        String path = "/v1/tenants/rules/endpoints";
        RawHttp.Response wrongType = http.call("POST", path, TestApp.ADMIN_KEY, url(OK_URL), "text/plain");
        RawHttp.Response malformed = http.call("POST", path, TestApp.ADMIN_KEY, "{\"url\":");
        RawHttp.Response tooLarge =
                http.call("POST", path, TestApp.ADMIN_KEY, with("description", "\"" + "x".repeat(20 * 1024) + "\""));
        RawHttp.Response chunkedTooLarge = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + TestApp.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        with("description", "\"" + "x".repeat(20 * 1024) + "\"").getBytes())))
                .build());
        RawHttp.Response badLimit = http.call("GET", path + "?limit=0", TestApp.ADMIN_KEY, null);
        RawHttp.Response hugeLimit = http.call("GET", path + "?limit=251", TestApp.ADMIN_KEY, null);
        RawHttp.Response wordLimit = http.call("GET", path + "?limit=ten", TestApp.ADMIN_KEY, null);
        RawHttp.Response badIterator = http.call("GET", path + "?iterator=%27%20OR%201%3D1", TestApp.ADMIN_KEY, null);
        RawHttp.Response wrongMethod = http.call("PUT", path, TestApp.ADMIN_KEY, url(OK_URL));
        RawHttp.Response noKey = http.call("GET", path, null, null);

        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().path("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("invalid_json");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.fields()).containsExactly("body");
        assertThat(tooLarge.json().path("message").asText()).contains("16384");
        assertThat(chunkedTooLarge.status()).isEqualTo(413);
        assertThat(chunkedTooLarge.json().path("error").asText()).isEqualTo("payload_too_large");
        assertThat(List.of(badLimit, hugeLimit, wordLimit)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.fields()).containsExactly("limit");
        });
        assertThat(badIterator.status()).isEqualTo(400);
        assertThat(badIterator.fields()).containsExactly("iterator");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(noKey.status()).isEqualTo(401);
        for (RawHttp.Response r :
                List.of(wrongType, malformed, tooLarge, chunkedTooLarge, badLimit, wrongMethod, noKey)) {
            assertThat(r.json().path("code").asInt()).isEqualTo(r.status());
            assertThat(r.json().has("message")).isTrue();
            assertThat(r.json().path("details").isArray()).isTrue();
        }
    }

    @Test
    void pagesAreNewestFirstAndStableWhileEndpointsAreAdded() {
        String tenant = newTenant();
        HooklineClient admin = app.adminClient();
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            existing.add(admin.endpoints()
                    .create(tenant, EndpointIn.builder(OK_URL + i).build())
                    .id());
        }

        // when the list is read two at a time while a new endpoint is added between pages
        Page<Endpoint> first = admin.endpoints().list(tenant, 2, null);
        String added = admin.endpoints()
                .create(tenant, EndpointIn.builder(OK_URL + "new").build())
                .id();
        Page<Endpoint> second = admin.endpoints().list(tenant, 2, first.iterator());

        // then the pages hold the existing endpoints newest first, each once, and the new one is not mixed in
        assertThat(first.done()).isFalse();
        assertThat(second.done()).isTrue();
        List<String> seen = Stream.concat(first.data().stream(), second.data().stream())
                .map(Endpoint::id)
                .toList();
        java.util.Collections.reverse(existing);
        assertThat(seen).containsExactlyElementsOf(existing);
        assertThat(admin.endpoints().list(tenant).data().get(0).id()).isEqualTo(added);
        assertThat(admin.endpoints().list(tenant).data()).hasSize(5);
        Set<String> all = new HashSet<>();
        admin.endpoints()
                .listAll(tenant)
                .forEach(e -> assertThat(all.add(e.id())).isTrue());
        assertThat(all).hasSize(5);
    }
}
