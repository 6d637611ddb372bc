package dev.hookline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.SendExampleIn;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.openapi.ApiDocument;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant isolation, table-driven over every operation of docs/openapi.yaml (which {@code OpenApiDocumentTest} holds
 * equal to the served resources), so a new endpoint is in the matrix the day it is documented. Tenant A's key
 * pointed at tenant B's objects gets a 404 indistinguishable from "does not exist", for every method, and B's
 * objects are untouched afterwards. The same holds for A's portal session tokens, which moreover get 403 on every
 * operation not open to portal sessions, and, when limited to one endpoint, 404 for every other endpoint of A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossTenantMatrixTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final TestReceiver receiver = TestReceiver.start();
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    static Tenant a;
    static Tenant b;
    static ApiKeyCreated keyA;
    static ApiKeyCreated keyB;
    static Endpoint endpointA;
    static Endpoint endpointB;
    static String messageB;
    static String attemptB;
    static String secretB;
    static PortalSessionCreated sessionA;
    static PortalSessionCreated sessionB;
    static Branding brandingB;
    static Endpoint otherEndpointA;
    static String messageA;
    static PortalSessionCreated scopedA;
    static RawHttp http;

    private static final String[] EVERY_PERMISSION = {
        PortalSessionIn.MANAGE_ENDPOINTS, PortalSessionIn.VIEW_SECRETS, PortalSessionIn.RESEND
    };

    @BeforeAll
    static void twoTenantsWithEverything() {
        HooklineClient admin = app.adminClient();
        http = app.raw();
        a = admin.tenants().create(new TenantIn("Alpha", "alpha", null));
        b = admin.tenants().create(new TenantIn("Beta", "beta", Map.of("tier", "gold")));
        keyA = admin.apiKeys().create("alpha", new ApiKeyIn("a"));
        keyB = admin.apiKeys().create("beta", new ApiKeyIn("b"));
        endpointA = app.client(keyA.key())
                .endpoints()
                .create(
                        "alpha",
                        EndpointIn.builder(receiver.url("/a")).uid("main").build());
        HooklineClient tenantB = app.client(keyB.key());
        endpointB = tenantB.endpoints()
                .create(
                        "beta",
                        EndpointIn.builder(receiver.url("/b")).uid("b-main").build());
        secretB = tenantB.endpoints().secret("beta", "b-main").key();
        messageB = tenantB.messages()
                .send(
                        "beta",
                        MessageIn.of(
                                "invoice.paid",
                                JsonNodeFactory.instance.objectNode().put("n", 1)))
                .id();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !tenantB.attempts()
                        .list(
                                "beta",
                                AttemptListParams.builder().messageId(messageB).build())
                        .data()
                        .isEmpty());
        attemptB = tenantB.attempts()
                .list("beta", AttemptListParams.builder().messageId(messageB).build())
                .data()
                .get(0)
                .id();
        brandingB = tenantB.tenants().setBranding("beta", new Branding("Beta Inc", "#112233", null));
        b = admin.tenants().get("beta"); // as branded
        sessionB = tenantB.portalSessions().create("beta", PortalSessionIn.readOnly());
        HooklineClient tenantA = app.client(keyA.key());
        otherEndpointA = tenantA.endpoints()
                .create("alpha", EndpointIn.builder(receiver.url("/a2")).build());
        messageA = tenantA.messages()
                .send("alpha", MessageIn.of("invoice.paid", JsonNodeFactory.instance.objectNode()))
                .id();
        sessionA = tenantA.portalSessions()
                .create(
                        "alpha",
                        PortalSessionIn.builder().permissions(EVERY_PERMISSION).build());
        scopedA = tenantA.portalSessions()
                .create(
                        "alpha",
                        PortalSessionIn.builder()
                                .permissions(EVERY_PERMISSION)
                                .endpointIds("main")
                                .build());
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** B's object for each path parameter; a documented path with a parameter not listed here fails the test. */
    static Map<String, String> objectsOfB(boolean byUid) {
        return Map.of(
                "tenant",
                byUid ? "beta" : b.id(),
                "endpoint",
                byUid ? "b-main" : endpointB.id(),
                "message",
                messageB,
                "attempt",
                attemptB,
                "keyId",
                keyB.id(),
                "sessionId",
                sessionB.id());
    }

    static Map<String, String> objectsOfA() {
        return Map.of(
                "tenant",
                a.id(),
                "endpoint",
                endpointA.id(),
                "message",
                "msg_01JD5X3M8ZK4Q2W7R9T6B1C0HY",
                "attempt",
                "atm_01JD5X3M8ZK4Q2W7R9T6B1C0HY",
                "keyId",
                keyA.id(),
                "sessionId",
                sessionA.id());
    }

    static Stream<ApiDocument.Operation> tenantScoped() {
        return ApiDocument.operations().stream().filter(op -> op.path().startsWith("/v1/tenants/{tenant}"));
    }

    @Order(1)
    @TestFactory
    Stream<DynamicTest> tenantKeyOnAnotherTenantsPathAnswers404ForEveryOperation() {
        JsonNode missingTenant =
                http.call("GET", "/v1/tenants/no-such-tenant", keyA.key(), null).json();
        return tenantScoped()
                .flatMap(op -> Stream.of(false, true)
                        .map(byUid -> DynamicTest.dynamicTest(op + (byUid ? " by uid" : " by id"), () -> {
                            // when A's key calls the operation on B's tenant and B's objects
                            RawHttp.Response response = call(op, objectsOfB(byUid), keyA.key());

                            // then the answer is the 404 of a tenant that does not exist, never 403 and never B's data
                            assertThat(response.status())
                                    .as(op + " " + response.body())
                                    .isEqualTo(404);
                            assertThat(response.json()).isEqualTo(missingTenant);
                        })));
    }

    @Order(2)
    @TestFactory
    Stream<DynamicTest> anotherTenantsObjectUnderTheCallersOwnTenantAnswers404() {
        return tenantScoped()
                .filter(op -> params(op.path()).size() > 1)
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    // given B's child objects under A's own tenant path, called by whoever may call the operation
                    String key = "admin".equals(op.access()) ? TestApp.ADMIN_KEY : keyA.key();
                    Map<String, String> mixed = new java.util.HashMap<>(objectsOfB(false));
                    mixed.put("tenant", a.id());
                    Map<String, String> unknown = new java.util.HashMap<>(mixed);
                    params(op.path()).stream()
                            .filter(p -> !p.equals("tenant"))
                            .forEach(p -> unknown.put(p, "no-such-" + p));

                    // when it is called
                    RawHttp.Response response = call(op, mixed, key);

                    // then it is exactly as absent as an object that never existed
                    assertThat(response.status()).as(op + " " + response.body()).isEqualTo(404);
                    assertThat(response.json()).isEqualTo(call(op, unknown, key).json());
                }));
    }

    @Order(3)
    @TestFactory
    Stream<DynamicTest> tenantKeyGets403OnOperatorOperationsOfItsOwnTenant() {
        return ApiDocument.operations().stream()
                .filter(op -> "admin".equals(op.access()))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    Map<String, String> own = new java.util.HashMap<>(objectsOfA());
                    own.put("name", "invoice.paid");
                    RawHttp.Response response = call(op, own, keyA.key());
                    assertThat(response.status()).as(op + " " + response.body()).isEqualTo(403);
                    assertThat(response.json().path("error").asText()).isEqualTo("forbidden");
                }));
    }

    @Order(4)
    @Test
    void tenantBIsUntouchedAfterTheMatrix() {
        // then B, its key, endpoint, secret, message and attempt are all as they were
        HooklineClient tenantB = app.client(keyB.key());
        assertThat(app.adminClient().tenants().get(b.id())).isEqualTo(b);
        assertThat(tenantB.endpoints().get("beta", endpointB.id())).isEqualTo(endpointB);
        assertThat(tenantB.endpoints().secret("beta", "b-main").key()).isEqualTo(secretB);
        assertThat(tenantB.messages().get("beta", messageB).id()).isEqualTo(messageB);
        assertThat(tenantB.attempts().get("beta", attemptB).id()).isEqualTo(attemptB);
        assertThat(app.adminClient().apiKeys().list("beta").data())
                .extracting(k -> k.id())
                .containsExactly(keyB.id());
        assertThat(app.adminClient().eventTypes().list().data()).isEmpty();
        assertThat(tenantB.tenants().branding("beta")).isEqualTo(brandingB);
        assertThat(tenantB.portalSessions().list("beta").data())
                .singleElement()
                .satisfies(s -> assertThat(s.revokedAt()).isNull());
    }

    @Order(5)
    @TestFactory
    Stream<DynamicTest> portalTokenOnAnotherTenantsPathAnswers404OrIsClosed() {
        JsonNode missingTenant = http.call("GET", "/v1/tenants/no-such-tenant/endpoints", sessionA.token(), null)
                .json();
        return tenantScoped()
                .flatMap(op -> Stream.of(false, true)
                        .map(byUid -> DynamicTest.dynamicTest(op + (byUid ? " by uid" : " by id"), () -> {
                            // when A's portal session, with every permission, calls the operation on B's objects
                            RawHttp.Response response = call(op, objectsOfB(byUid), sessionA.token());

                            // then an operation open to portal sessions finds no such tenant, any other is closed
                            if (op.portal() != null) {
                                assertThat(response.status())
                                        .as(op + " " + response.body())
                                        .isEqualTo(404);
                                assertThat(response.json()).isEqualTo(missingTenant);
                            } else {
                                assertThat(response.status())
                                        .as(op + " " + response.body())
                                        .isEqualTo(403);
                            }
                        })));
    }

    @Order(6)
    @TestFactory
    Stream<DynamicTest> portalTokenGets403OnEveryOperationNotOpenToPortalSessions() {
        return ApiDocument.operations().stream()
                .filter(op -> op.portal() == null && !"public".equals(op.access()))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    // given A's own objects and a session of A with every permission
                    Map<String, String> own = new java.util.HashMap<>(objectsOfA());
                    own.put("name", "invoice.paid");

                    // when the session calls an operation not open to portal sessions (operator work, sending,
                    // minting sessions, branding)
                    RawHttp.Response response = call(op, own, sessionA.token());

                    // then it is refused, and nothing of A changed (checked below)
                    assertThat(response.status()).as(op + " " + response.body()).isEqualTo(403);
                    assertThat(response.json().path("error").asText()).isEqualTo("forbidden");
                }));
    }

    @Order(7)
    @TestFactory
    Stream<DynamicTest> scopedPortalTokenAnswers404ForEveryOtherEndpointOfItsTenant() {
        return tenantScoped()
                .filter(op -> op.portal() != null && params(op.path()).contains("endpoint"))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    // given A's session limited to A's endpoint "main", and A's other endpoint
                    Map<String, String> other = new java.util.HashMap<>(objectsOfA());
                    other.put("message", messageA);
                    other.put("endpoint", otherEndpointA.id());
                    Map<String, String> unknown = new java.util.HashMap<>(other);
                    unknown.put("endpoint", "no-such-endpoint");

                    // when it calls the operation on the other endpoint
                    RawHttp.Response response = call(op, other, scopedA.token());

                    // then that endpoint is exactly as absent as one that never existed
                    assertThat(response.status()).as(op + " " + response.body()).isEqualTo(404);
                    assertThat(response.json())
                            .isEqualTo(call(op, unknown, scopedA.token()).json());
                }));
    }

    @Order(8)
    @Test
    void tenantAIsUntouchedByItsPortalSessionsRefusedCalls() {
        HooklineClient tenantA = app.client(keyA.key());
        assertThat(tenantA.endpoints().get("alpha", otherEndpointA.id())).isEqualTo(otherEndpointA);
        assertThat(tenantA.endpoints().get("alpha", "main")).isEqualTo(endpointA);
        assertThat(app.adminClient().tenants().get(a.id())).isEqualTo(a);
        assertThat(app.adminClient().apiKeys().list("alpha").data())
                .extracting(k -> k.id())
                .containsExactly(keyA.id());
        assertThat(tenantA.portalSessions().list("alpha").data())
                .allSatisfy(s -> assertThat(s.revokedAt()).isNull());
    }

    @Order(5)
    @Test
    void tenantKeyNeverSeesTheOperatorsOperationalEndpoints() {
        // given an operational endpoint of the operator's
        Endpoint ops = app.adminClient()
                .operationalEndpoints()
                .create(EndpointIn.builder(receiver.url("/ops")).uid("ops-main").build());
        JsonNode missingTenant =
                http.call("GET", "/v1/tenants/no-such-tenant", keyA.key(), null).json();
        JsonNode missingEndpoint = http.call("GET", "/v1/tenants/alpha/endpoints/no-such-endpoint", keyA.key(), null)
                .json();

        // then a tenant key is refused on every operational route, by id and by uid, and learns nothing of it
        for (String ref : List.of(ops.id(), "ops-main")) {
            for (String path : List.of(
                    "/v1/operational-endpoints",
                    "/v1/operational-endpoints/" + ref,
                    "/v1/operational-endpoints/" + ref + "/secret",
                    "/v1/operational-endpoints/" + ref + "/attempts")) {
                RawHttp.Response response = http.call("GET", path, keyA.key(), null);
                assertThat(response.status()).as(path).isEqualTo(403);
                assertThat(response.body()).doesNotContain(ops.id()).doesNotContain(ops.url());
            }
            // and the endpoint is not found under the tenant's own path either
            RawHttp.Response underOwnTenant = http.call("GET", "/v1/tenants/alpha/endpoints/" + ref, keyA.key(), null);
            assertThat(underOwnTenant.status()).isEqualTo(404);
            assertThat(underOwnTenant.json()).isEqualTo(missingEndpoint);
        }
        // nor is the operator's tenant, on any tenant route
        for (String path : List.of(
                "/v1/tenants/" + dev.hookline.core.tenants.OperatorTenant.ID,
                "/v1/tenants/" + dev.hookline.core.tenants.OperatorTenant.ID + "/endpoints",
                "/v1/tenants/" + dev.hookline.core.tenants.OperatorTenant.ID + "/endpoints/" + ops.id(),
                "/v1/tenants/" + dev.hookline.core.tenants.OperatorTenant.ID + "/attempts")) {
            RawHttp.Response response = http.call("GET", path, keyA.key(), null);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json()).isEqualTo(missingTenant);
        }
        assertThat(app.client(keyA.key()).endpoints().list("alpha").data())
                .extracting(Endpoint::id)
                .doesNotContain(ops.id());
    }

    @Order(9)
    @Test
    void aTenantKeyNeverSeesAnotherTenantsTestSends() {
        // given a test send of tenant B to its endpoint
        Attempt test = app.client(keyB.key())
                .endpoints()
                .sendExample(
                        "beta",
                        "b-main",
                        new SendExampleIn(
                                "invoice.paid",
                                JsonNodeFactory.instance.objectNode().put("test", true)));
        assertThat(test.trigger()).isEqualTo("test");

        // then A's key reaches neither its attempt nor its message, and A's own log does not hold them
        HooklineClient tenantA = app.client(keyA.key());
        assertThat(http.call("GET", "/v1/tenants/beta/attempts/" + test.id(), keyA.key(), null)
                        .status())
                .isEqualTo(404);
        assertThat(http.call("GET", "/v1/tenants/alpha/attempts/" + test.id(), keyA.key(), null)
                        .status())
                .isEqualTo(404);
        assertThat(http.call("GET", "/v1/tenants/alpha/messages/" + test.messageId(), keyA.key(), null)
                        .status())
                .isEqualTo(404);
        assertThat(tenantA.attempts()
                        .list("alpha", AttemptListParams.builder().build())
                        .data())
                .extracting(Attempt::id)
                .doesNotContain(test.id());
        assertThat(http.call(
                                "POST",
                                "/v1/tenants/alpha/endpoints/" + endpointB.id() + "/send-example",
                                keyA.key(),
                                "{\"eventType\":\"x.y\",\"example\":{}}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tenantKeyReadsItsOwnTenantAndTheEventTypeCatalogue() {
        assertThat(http.call("GET", "/v1/tenants/alpha", keyA.key(), null)
                        .json()
                        .path("id")
                        .asText())
                .isEqualTo(a.id());
        assertThat(http.call("GET", "/v1/event-types", keyA.key(), null).status())
                .isEqualTo(200);
    }

    private static RawHttp.Response call(ApiDocument.Operation op, Map<String, String> values, String key) {
        Matcher m = PARAM.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            assertThat(value)
                    .as("a fixture object for {" + m.group(1) + "} of " + op)
                    .isNotNull();
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return http.call(
                op.method(),
                path.toString(),
                key,
                op.requestExample() == null ? null : op.requestExample().toString());
    }

    private static List<String> params(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
