package dev.hookline.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.endpoints.EndpointDao;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.Webhook;
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

    /** One invalid field: its name, its JSON value, the field the 400 names and words of its message. */
    record Invalid(String field, String json, String named, String message) {
        Invalid(String field, String json, String message) {
            this(field, json, field, message);
        }

        /** The body of a create: the field next to a valid url, or alone when it is the url. */
        String create() {
            return field.equals("url") ? patch() : with(field, json);
        }

        /** The body of a patch: the field alone. */
        String patch() {
            return "{\"" + field + "\":" + json + "}";
        }

        Arguments as(String body) {
            return Arguments.of(body, named, message);
        }
    }

    /** What create and patch both refuse, field by field. */
    static Stream<Invalid> invalidFields() {
        String headers21 =
                IntStream.range(0, 21).mapToObj(i -> "\"X-H" + i + "\":\"v\"").collect(Collectors.joining(","));
        String types51 = IntStream.range(0, 51).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        String channels11 =
                IntStream.range(0, 11).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(","));
        return Stream.of(
                new Invalid("url", quote("https://hooks.example.com/" + "a".repeat(2048)), "at most 2048"),
                new Invalid("url", quote("not a url"), "not a valid URL"),
                new Invalid("url", quote("/relative/path"), "absolute"),
                new Invalid("url", quote("ftp://hooks.example.com/"), "https"),
                new Invalid("url", quote("http://hooks.example.com/"), "must use https"),
                new Invalid("url", quote("https://user:pw@hooks.example.com/"), "credentials"),
                new Invalid("url", quote("https://hooks.example.com/#frag"), "fragment"),
                new Invalid("url", quote("https://127.0.0.1/"), "loopback"),
                new Invalid("url", quote("https://[::1]:8443/"), "loopback"),
                new Invalid("url", quote("https://localhost/"), "loopback"),
                new Invalid("description", quote("d".repeat(1025)), "at most 1024"),
                new Invalid("headers", "{" + headers21 + "}", "at most 20"),
                new Invalid("headers", "{\"webhook-id\":\"x\"}", "headers.webhook-id", "set by Hookline"),
                new Invalid("headers", "{\"Webhook-Signature\":\"x\"}", "headers.Webhook-Signature", "set by Hookline"),
                new Invalid("headers", "{\"Host\":\"evil\"}", "headers.Host", "set by Hookline"),
                new Invalid("headers", "{\"content-length\":\"1\"}", "headers.content-length", "set by Hookline"),
                new Invalid("headers", "{\"Connection\":\"close\"}", "headers.Connection", "set by Hookline"),
                new Invalid(
                        "headers",
                        "{\"Transfer-Encoding\":\"chunked\"}",
                        "headers.Transfer-Encoding",
                        "set by Hookline"),
                new Invalid("headers", "{\"X-A\":\"a\\r\\nX-Injected: 1\"}", "headers.X-A", "CR, LF"),
                new Invalid("headers", "{\"X-B\":\"line\\nbreak\"}", "headers.X-B", "CR, LF"),
                new Invalid("headers", "{\"Bad Name\":\"v\"}", "headers.Bad Name", "not a valid header name"),
                new Invalid("headers", "{\"X-C\":null}", "headers.X-C", "must not be null"),
                new Invalid("eventTypes", "[" + types51 + "]", "at most 50"),
                new Invalid("eventTypes", "[\"ok\",\"not ok\"]", "eventTypes.1", "letters, digits"),
                new Invalid("eventTypes", quote("not-a-list"), "wrong type"),
                new Invalid("channels", "[" + channels11 + "]", "at most 10"),
                new Invalid("channels", "[\"a/b\"]", "channels.0", "letters, digits"),
                new Invalid("rateLimit", "-1", "between"),
                new Invalid("rateLimit", "100001", "between"),
                new Invalid("maxInFlight", "-1", "between 1 and 1000"),
                new Invalid("maxInFlight", "1001", "between 1 and 1000"),
                new Invalid("maxInFlight", quote("many"), "wrong type"),
                new Invalid("uid", quote("has space"), "letters, digits"),
                new Invalid("uid", quote("ep_01JD5X3M8ZK4Q2W7R9T6B1C0HY"), "shape of a Hookline id"),
                new Invalid("metadata", "{\"k\":\"" + "v".repeat(1025) + "\"}", "metadata.k", "at most 1024"),
                new Invalid("color", quote("blue"), "unknown field"));
    }

    static Stream<Arguments> invalidEndpoints() {
        Stream<Invalid> createOnly = Stream.of(
                new Invalid("secret", quote("whsec_c2hvcnQ="), "24 to 64 bytes"),
                new Invalid("secret", quote("whsec_" + "A".repeat(88)), "24 to 64 bytes"),
                new Invalid("secret", quote("whsec_not base64!"), "base64"),
                new Invalid("secret", quote("plain"), "must start with whsec_"),
                new Invalid("secret", quote("whsk_c2hvcnQ="), "Ed25519"),
                new Invalid("secretType", quote("rsa"), "hmac or ed25519"));
        return Stream.concat(
                Stream.of(Arguments.of("{}", "url", "is required")),
                Stream.concat(invalidFields(), createOnly).map(i -> i.as(i.create())));
    }

    static Stream<Arguments> invalidPatches() {
        // a patch changes no secret (rotation does), so even a valid one is a field it does not have
        Stream<Invalid> patchOnly = Stream.of(
                new Invalid("secret", quote(Webhook.generateSecret()), "unknown field"),
                new Invalid("secretType", quote("ed25519"), "unknown field"),
                new Invalid("disabled", quote("yes"), "wrong type"));
        return Stream.concat(invalidFields(), patchOnly).map(i -> i.as(i.patch()));
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    static String url(String url) {
        return "{\"url\":" + quote(url) + "}";
    }

    static String with(String field, String json) {
        return "{\"url\":" + quote(OK_URL) + ",\"" + field + "\":" + json + "}";
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidEndpoints")
    void invalidEndpointIsRefusedWith400NamingTheField(String body, String field, String message) {
        // when the endpoint is created with one invalid field
        RawHttp.Response created = http.call("POST", "/v1/tenants/rules/endpoints", TestApp.ADMIN_KEY, body);

        // then the answer is a 400 whose details name exactly that field
        assertRefused(created, field, message);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidPatches")
    void invalidPatchIsRefusedWith400NamingTheField(String body, String field, String message) {
        // when an existing endpoint is patched with one invalid field
        RawHttp.Response patched =
                http.call("PATCH", "/v1/tenants/rules/endpoints/patch-target", TestApp.ADMIN_KEY, body);

        // then the answer is a 400 whose details name exactly that field, and the endpoint is unchanged
        assertRefused(patched, field, message);
        assertThat(app.adminClient().endpoints().get("rules", "patch-target").url())
                .isEqualTo(OK_URL);
    }

    static void assertRefused(RawHttp.Response response, String field, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("validation_failed");
        assertThat(response.fields()).containsExactly(field);
        assertThat(response.json().path("details").get(0).path("message").asText())
                .contains(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.hookline");
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
                                .maxInFlight(50)
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
                        Endpoint::maxInFlight,
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
                        50,
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
        assertThat(patched.maxInFlight()).isEqualTo(50);
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
                                Map.of("owner", "dev"),
                                7));
        assertThat(all)
                .extracting(
                        Endpoint::url,
                        Endpoint::uid,
                        Endpoint::description,
                        Endpoint::eventTypes,
                        Endpoint::channels,
                        Endpoint::disabled,
                        Endpoint::rateLimit,
                        Endpoint::maxInFlight,
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
                        7,
                        Map.of(),
                        Map.of("owner", "dev"));

        // and a maxInFlight of 0 gives the endpoint back the installation's ceiling
        Endpoint uncapped = admin.endpoints()
                .update(
                        tenant,
                        created.id(),
                        new EndpointPatch(null, null, null, null, null, null, null, null, null, 0));
        assertThat(uncapped.maxInFlight()).isNull();
        assertThat(uncapped.rateLimit()).isEqualTo(10);
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
