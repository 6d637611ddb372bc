package dev.hookline.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.PortalSession;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.PortalSessionInfo;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.LogCapture;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Portal sessions as a credential the server enforces: minted by a tenant, they reach only that tenant, only what
 * their permissions allow and, when limited, only their endpoints; they end on expiry or revocation with a 401 that
 * says which; their tokens are never logged. The worker is off, so deliveries stay pending until a resend (which
 * the API makes itself) settles them: every state below is made on purpose.
 */
class PortalSessionsTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    static Scenario acme;
    static Endpoint one;
    static Endpoint two;
    static Message toOne;
    static Message toTwo;
    static RawHttp http;

    @BeforeAll
    static void tenantWithTwoEndpointsAndAMessageForEach() {
        http = app.raw();
        acme = Scenario.tenant(app, "acme");
        one = acme.endpoint(EndpointIn.builder(receiver.url("/one"))
                .uid("one")
                .eventTypes(List.of("type.one"))
                .build());
        two = acme.endpoint(EndpointIn.builder(receiver.url("/two"))
                .uid("two")
                .eventTypes(List.of("type.two"))
                .build());
        toOne = acme.send("type.one", "{\"n\":1}");
        toTwo = acme.send("type.two", "{\"n\":2}");
    }

    static PortalSessionCreated mint(PortalSessionIn in) {
        return acme.client().portalSessions().create("acme", in);
    }

    static PortalSessionCreated mint(String... permissions) {
        return mint(PortalSessionIn.builder().permissions(permissions).build());
    }

    static RawHttp.Response call(String method, String path, PortalSessionCreated session, String body) {
        return http.call(method, path, session.token(), body);
    }

    @Test
    void aMintedLinkCarriesItsTokenInTheFragmentAndTheSessionDescribesItself() {
        // given the tenant's branding and a session minted by the tenant's own key
        acme.client().tenants().setBranding("acme", new Branding(null, "#0055FF", "https://acme.example/logo.svg"));
        PortalSessionCreated created = mint(PortalSessionIn.builder()
                .permissions(PortalSessionIn.RESEND)
                .expiresIn(Duration.ofMinutes(30))
                .next("/messages/" + toOne.id())
                .build());

        // when the page asks who it is
        PortalSessionInfo info = app.client(created.token()).portalSessions().current();

        // then the link holds the token in its fragment, and the session its tenant, branding and grant
        assertThat(created.token()).startsWith("hlp_").hasSize(47);
        assertThat(created.url()).isEqualTo("/portal/#token=" + created.token() + "&next=%2Fmessages%2F" + toOne.id());
        assertThat(created.prefix()).isEqualTo(created.token().substring(0, 10));
        assertThat(created.permissions()).containsExactly("read", "resend");
        assertThat(created.expiresAt()).isEqualTo(created.createdAt().plus(Duration.ofMinutes(30)));
        assertThat(created.toString()).doesNotContain(created.token());
        assertThat(info.id()).isEqualTo(created.id());
        assertThat(info.tenantUid()).isEqualTo("acme");
        assertThat(info.tenantId()).startsWith("tnt_");
        assertThat(info.branding()).isEqualTo(new Branding("acme", "#0055FF", "https://acme.example/logo.svg"));
        assertThat(info.permissions()).containsExactly("read", "resend");
        assertThat(info.endpointIds()).isNull();
        assertThat(info.next()).isEqualTo("/messages/" + toOne.id());
        assertThat(info.expiresAt()).isEqualTo(created.expiresAt());
        // and listings show the session, never its token
        PortalSession listed = acme.client().portalSessions().list("acme").data().stream()
                .filter(s -> s.id().equals(created.id()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.prefix()).isEqualTo(created.prefix());
        assertThat(listed.revokedAt()).isNull();
        assertThat(http.call("GET", "/v1/tenants/acme/portal-sessions", TestApp.ADMIN_KEY, null)
                        .body())
                .doesNotContain(created.token());
        // and an API key has no portal session
        assertThat(http.call("GET", "/v1/portal/session", TestApp.ADMIN_KEY, null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void mintingReportsEveryBadFieldAtOnce() {
        // given another tenant's endpoint
        Scenario other = Scenario.tenant(app, "other");
        Endpoint foreign = other.endpoint(receiver.url("/foreign"));

        // when a session is asked with a bad value in every field
        RawHttp.Response response = http.call(
                "POST",
                "/v1/tenants/acme/portal-sessions",
                TestApp.ADMIN_KEY,
                "{\"expiresIn\":59,\"permissions\":[\"read\",\"admin\"],\"endpointIds\":[\"one\",\"" + foreign.id()
                        + "\"],\"next\":\"//evil.example/\"}");

        // then each one is named, and nothing was minted
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fields()).containsExactlyInAnyOrder("expiresIn", "permissions.1", "endpointIds.1", "next");
        assertThat(http.call(
                                "POST",
                                "/v1/tenants/acme/portal-sessions",
                                TestApp.ADMIN_KEY,
                                "{\"expiresIn\":604801,\"endpointIds\":[]}")
                        .fields())
                .containsExactlyInAnyOrder("expiresIn", "endpointIds");
        // and the defaults are a read-only session of the whole tenant for an hour
        RawHttp.Response defaults = http.call("POST", "/v1/tenants/acme/portal-sessions", TestApp.ADMIN_KEY, "{}");
        assertThat(defaults.status()).isEqualTo(201);
        assertThat(defaults.json().path("permissions").toString()).isEqualTo("[\"read\"]");
        assertThat(defaults.json().path("endpointIds").isNull()).isTrue();
        assertThat(Duration.between(
                        Instant.parse(defaults.json().path("createdAt").asText()),
                        Instant.parse(defaults.json().path("expiresAt").asText())))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRevokedSessionStopsAtItsNextRequestWithSessionRevoked() {
        // given a session in use (so its grant is in the authentication cache)
        PortalSessionCreated session = mint();
        assertThat(call("GET", "/v1/tenants/acme/endpoints", session, null).status())
                .isEqualTo(200);

        // when the tenant revokes it
        acme.client().portalSessions().revoke("acme", session.id());

        // then the very next request is refused, saying it was revoked
        RawHttp.Response refused = call("GET", "/v1/tenants/acme/endpoints", session, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asText()).isEqualTo("session_revoked");
        assertThat(refused.headers().get("www-authenticate")).isNotEmpty();
        assertThat(acme.client().portalSessions().list("acme").data().stream()
                        .filter(s -> s.id().equals(session.id()))
                        .findFirst()
                        .orElseThrow()
                        .revokedAt())
                .isNotNull();
        // and a token that never existed is a plain 401
        RawHttp.Response unknown = http.call("GET", "/v1/tenants/acme/endpoints", "hlp_" + "A".repeat(43), null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void anExpiredSessionAnswersSessionExpired() {
        // given a session whose end has passed
        PortalSessionCreated session = mint();
        app.env()
                .jdbi()
                .useHandle(h -> h.execute(
                        "UPDATE portal_sessions SET expires_at = now() - interval '1 second' WHERE id = ?",
                        session.id()));

        // when it is used
        RawHttp.Response refused = call("GET", "/v1/portal/session", session, null);

        // then it is refused, saying it expired
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asText()).isEqualTo("session_expired");
    }

    @Test
    void aReadOnlySessionReadsEverythingAndChangesNothing() {
        PortalSessionCreated readOnly = mint();
        String ep = "/v1/tenants/acme/endpoints/" + one.id();
        int messagesBefore = messageCount();

        // reading works
        assertThat(call("GET", "/v1/tenants/acme/endpoints", readOnly, null).status())
                .isEqualTo(200);
        assertThat(call("GET", ep, readOnly, null).status()).isEqualTo(200);
        assertThat(call("GET", ep + "/stats", readOnly, null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/tenants/acme/messages/" + toOne.id(), readOnly, null)
                        .status())
                .isEqualTo(200);
        assertThat(call("GET", "/v1/tenants/acme/attempts", readOnly, null).status())
                .isEqualTo(200);
        assertThat(call("GET", "/v1/event-types", readOnly, null).status()).isEqualTo(200);

        // every change, the secret, resending and anything outside the portal's reach is refused
        List<String> refused = new ArrayList<>();
        for (String[] request : List.of(
                new String[] {"POST", "/v1/tenants/acme/endpoints", "{\"url\":\"" + receiver.url("/x") + "\"}"},
                new String[] {"PATCH", ep, "{\"disabled\":true}"},
                new String[] {"DELETE", ep, null},
                new String[] {"GET", ep + "/secret", null},
                new String[] {"POST", ep + "/secret/rotate", "{}"},
                new String[] {"POST", ep + "/recover", "{\"since\":\"2026-01-01T00:00:00Z\"}"},
                new String[] {
                    "POST", "/v1/tenants/acme/messages/" + toOne.id() + "/endpoints/" + one.id() + "/resend", null
                },
                new String[] {"POST", "/v1/tenants/acme/messages", "{\"eventType\":\"type.one\",\"payload\":{}}"},
                new String[] {"GET", "/v1/tenants/acme", null},
                new String[] {"GET", "/v1/tenants/acme/branding", null},
                new String[] {"POST", "/v1/tenants/acme/portal-sessions", "{}"},
                new String[] {"GET", "/v1/tenants/acme/api-keys", null})) {
            RawHttp.Response response = call(request[0], request[1], readOnly, request[2]);
            if (response.status() == 403
                    && response.json().path("error").asText().equals("forbidden")) {
                refused.add(request[0] + " " + request[1]);
            }
        }
        assertThat(refused).hasSize(12);
        assertThat(acme.reload(one).disabled()).isFalse();
        assertThat(messageCount()).isEqualTo(messagesBefore);
    }

    @Test
    void eachPermissionOpensItsOperationsOnly() {
        String ep = "/v1/tenants/acme/endpoints/" + one.id();
        PortalSessionCreated secrets = mint(PortalSessionIn.VIEW_SECRETS);
        PortalSessionCreated manage = mint(PortalSessionIn.MANAGE_ENDPOINTS);
        PortalSessionCreated both = mint(PortalSessionIn.MANAGE_ENDPOINTS, PortalSessionIn.VIEW_SECRETS);

        // view_secrets reveals the secret but does not rotate it
        RawHttp.Response secret = call("GET", ep + "/secret", secrets, null);
        assertThat(secret.status()).isEqualTo(200);
        assertThat(secret.json().path("key").asText()).isEqualTo(acme.secret(one));
        assertThat(call("POST", ep + "/secret/rotate", secrets, "{}").status()).isEqualTo(403);

        // manage_endpoints creates, edits, disables and deletes, but cannot see a secret, not even by rotating
        RawHttp.Response created =
                call("POST", "/v1/tenants/acme/endpoints", manage, "{\"url\":\"" + receiver.url("/made") + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String made = "/v1/tenants/acme/endpoints/" + created.json().path("id").asText();
        assertThat(call("PATCH", made, manage, "{\"disabled\":true}")
                        .json()
                        .path("disabledReason")
                        .asText())
                .isEqualTo("disabled by the tenant");
        assertThat(call("PATCH", made, manage, "{\"disabled\":false}")
                        .json()
                        .path("disabled")
                        .asBoolean())
                .isFalse();
        assertThat(call("GET", made + "/secret", manage, null).status()).isEqualTo(403);
        assertThat(call("POST", made + "/secret/rotate", manage, "{}").status()).isEqualTo(403);

        // both together rotate with a grace period, the old secret still signing beside the new one
        String before = acme.secret(one);
        RawHttp.Response rotated = call("POST", ep + "/secret/rotate", both, "{\"gracePeriodSeconds\":3600}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("key").asText()).startsWith("whsec_").isNotEqualTo(before);
        assertThat(call("DELETE", made, manage, null).status()).isEqualTo(204);
    }

    @Test
    void aSessionLimitedToOneEndpointSeesNothingOfTheOther() throws Exception {
        // given a session with every permission, limited to endpoint "one" (by uid)
        PortalSessionCreated scoped = mint(PortalSessionIn.builder()
                .permissions(PortalSessionIn.MANAGE_ENDPOINTS, PortalSessionIn.VIEW_SECRETS, PortalSessionIn.RESEND)
                .endpointIds("one")
                .build());
        assertThat(scoped.endpointIds()).containsExactly(one.id());
        acme.client().messages().resend("acme", toTwo.id(), two.id()); // an attempt on "two"
        String attemptOfTwo = acme.attempts(toTwo.id()).get(0).id();

        // then lists hold only what concerns "one"
        assertThat(ids(call("GET", "/v1/tenants/acme/endpoints", scoped, null))).containsExactly(one.id());
        assertThat(ids(call("GET", "/v1/tenants/acme/messages", scoped, null))).containsExactly(toOne.id());
        assertThat(ids(call("GET", "/v1/tenants/acme/attempts", scoped, null))).doesNotContain(attemptOfTwo);
        assertThat(call("GET", "/v1/tenants/acme/messages/" + toOne.id() + "/deliveries", scoped, null)
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);

        // and everything about "two" is as absent as what never existed
        for (String path : List.of(
                "/v1/tenants/acme/endpoints/two",
                "/v1/tenants/acme/endpoints/" + two.id() + "/stats",
                "/v1/tenants/acme/messages/" + toTwo.id(),
                "/v1/tenants/acme/messages/" + toTwo.id() + "/deliveries",
                "/v1/tenants/acme/attempts/" + attemptOfTwo,
                "/v1/tenants/acme/attempts?endpointId=two",
                "/v1/tenants/acme/messages?endpointId=" + two.id())) {
            RawHttp.Response response = call("GET", path, scoped, null);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(404);
        }
        assertThat(call(
                                "POST",
                                "/v1/tenants/acme/messages/" + toTwo.id() + "/endpoints/" + one.id() + "/resend",
                                scoped,
                                null)
                        .status())
                .isEqualTo(404);
        // and it cannot make an endpoint it could not see
        assertThat(call("POST", "/v1/tenants/acme/endpoints", scoped, "{\"url\":\"" + receiver.url("/n") + "\"}")
                        .status())
                .isEqualTo(403);
        // while its own endpoint is fully in reach
        assertThat(call("GET", "/v1/tenants/acme/endpoints/one/secret", scoped, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void brandingIsValidatedAndSetByTheTenantOrTheOperator() {
        // when every field is bad
        RawHttp.Response bad = http.call(
                "PUT",
                "/v1/tenants/acme/branding",
                TestApp.ADMIN_KEY,
                "{\"displayName\":\"" + "x".repeat(101)
                        + "\",\"accentColor\":\"red\",\"logoUrl\":\"javascript:alert(1)\"}");

        // then each is named
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.fields()).containsExactlyInAnyOrder("displayName", "accentColor", "logoUrl");
        // and a good one is stored for the operator and the tenant alike
        HooklineClient admin = app.adminClient();
        Branding set =
                admin.tenants().setBranding("acme", new Branding("Acme Billing", "#0a0B0c", "http://x.example/l.png"));
        assertThat(acme.client().tenants().branding("acme")).isEqualTo(set);
        assertThat(set).isEqualTo(new Branding("Acme Billing", "#0a0B0c", "http://x.example/l.png"));
        acme.client().tenants().setBranding("acme", new Branding(null, null, null));
        assertThat(admin.tenants().branding("acme")).isEqualTo(new Branding(null, null, null));
    }

    @Test
    void portalTokensNeverReachTheLogs() {
        List<String> tokens = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            // when sessions are minted, used, refused and revoked, with the request log on
            PortalSessionCreated used = mint(PortalSessionIn.RESEND);
            tokens.add(used.token());
            call("GET", "/v1/portal/session", used, null);
            call("GET", "/v1/tenants/acme/endpoints?include=health", used, null);
            call("POST", "/v1/tenants/acme/endpoints", used, "{\"url\":\"" + receiver.url("/z") + "\"}");
            call("GET", "/v1/tenants/other-tenant/endpoints", used, null);
            acme.client().portalSessions().revoke("acme", used.id());
            call("GET", "/v1/portal/session", used, null);
            String garbage = "hlp_" + "g".repeat(43);
            tokens.add(garbage);
            http.call("GET", "/v1/portal/session", garbage, null);

            // then no log line holds a token, or even its secret part
            String text = logs.text();
            assertThat(text).contains("/v1/portal/session"); // the request log did write these requests
            for (String token : tokens) {
                assertThat(text).doesNotContain(token).doesNotContain(token.substring(10));
            }
        }
    }

    @Test
    void endpointsShowTheirHealthAndStatsComeInHourAndDayBuckets() {
        // given an endpoint with two successful attempts and then one answered 500, and an endpoint never tried
        Endpoint tried = acme.endpoint(EndpointIn.builder(receiver.url("/health"))
                .uid("health")
                .eventTypes(List.of("type.health"))
                .build());
        Endpoint untried = acme.endpoint(EndpointIn.builder(receiver.url("/untried"))
                .eventTypes(List.of("type.none"))
                .build());
        Message m = acme.send("type.health", "{}");
        receiver.thenAnswer(
                TestReceiver.Answer.status(200), TestReceiver.Answer.status(200), TestReceiver.Answer.status(500));
        HooklineClient client = acme.client();
        for (int i = 0; i < 3; i++) {
            client.messages().resend("acme", m.id(), tried.id());
        }
        String failedAttempt = acme.attempts(m.id()).get(2).id();

        // when the endpoints are listed with their health
        PortalSessionCreated session = mint();
        JsonNode listed = call("GET", "/v1/tenants/acme/endpoints?include=health&limit=250", session, null)
                .json();
        JsonNode health = null;
        JsonNode none = null;
        for (JsonNode e : listed.path("data")) {
            if (e.path("id").asText().equals(tried.id())) {
                health = e.path("health");
            } else if (e.path("id").asText().equals(untried.id())) {
                none = e.path("health");
            }
        }

        // then each shows its last 24 hours and its last failure
        assertThat(health.path("attempts").asLong()).isEqualTo(3);
        assertThat(health.path("succeeded").asLong()).isEqualTo(2);
        assertThat(health.path("failed").asLong()).isEqualTo(1);
        assertThat(health.path("successRate").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(health.path("lastFailure").path("attemptId").asText()).isEqualTo(failedAttempt);
        assertThat(health.path("lastFailure").path("statusCode").asInt()).isEqualTo(500);
        assertThat(health.path("lastFailure").path("error").asText()).isEqualTo("HTTP 500");
        assertThat(none.path("attempts").asLong()).isZero();
        assertThat(none.path("successRate").isNull()).isTrue();
        assertThat(none.path("lastFailure").isNull()).isTrue();
        assertThat(client.endpoints().getWithHealth("acme", "health").health().failed())
                .isEqualTo(1);
        assertThat(client.endpoints().get("acme", "health").health()).isNull();

        // and the stats of the last day come per hour, and of the last week per day, every bucket present
        Instant now = Instant.now();
        var hourly = client.endpoints().stats("acme", "health", now.minus(Duration.ofHours(24)), null, "1h");
        assertThat(hourly.bucket()).isEqualTo("1h");
        assertThat(hourly.buckets()).hasSizeBetween(24, 25);
        for (int i = 1; i < hourly.buckets().size(); i++) {
            assertThat(Duration.between(
                            hourly.buckets().get(i - 1).start(),
                            hourly.buckets().get(i).start()))
                    .isEqualTo(Duration.ofHours(1));
        }
        assertThat(hourly.buckets().stream().mapToLong(b -> b.succeeded()).sum())
                .isEqualTo(2);
        assertThat(hourly.buckets().get(hourly.buckets().size() - 1).p99Ms()).isNotNull();
        assertThat(hourly.buckets().stream().mapToLong(b -> b.failed()).sum()).isEqualTo(1);
        assertThat(hourly.buckets().get(0).p50Ms()).isNull();
        var daily = client.endpoints().stats("acme", "health", now.minus(Duration.ofDays(7)), null, "1d");
        assertThat(daily.buckets()).hasSizeBetween(7, 8);
        assertThat(daily.buckets().stream().mapToLong(b -> b.succeeded()).sum()).isEqualTo(2);
        assertThat(daily.total()).isEqualTo(3);
        assertThat(client.endpoints().stats("acme", "health", null, null).buckets())
                .isNull();
        // and a bucket the API does not know, or too many of them, is a 400 naming it
        assertThat(call("GET", "/v1/tenants/acme/endpoints/health/stats?bucket=2h", session, null)
                        .fields())
                .containsExactly("bucket");
        assertThat(call(
                                "GET",
                                "/v1/tenants/acme/endpoints/health/stats?bucket=1h&since="
                                        + now.minus(Duration.ofDays(60)),
                                session,
                                null)
                        .fields())
                .containsExactly("bucket");
    }

    @Test
    void theMessageLogListsMessagesNotYetAttemptedAndFiltersThemByTheirDeliveries() {
        // given two messages to one endpoint: one still pending, one resent successfully
        Endpoint log = acme.endpoint(EndpointIn.builder(receiver.url("/log"))
                .uid("log")
                .eventTypes(List.of("type.log"))
                .build());
        Message pending = acme.send("type.log", "{\"p\":1}");
        Message done = acme.send("type.log", "{\"p\":2}");
        acme.client().messages().resend("acme", done.id(), log.id());
        PortalSessionCreated session = mint();
        String base = "/v1/tenants/acme/messages?endpointId=log";

        // then the log by endpoint holds both, and by status each one
        assertThat(ids(call("GET", base, session, null))).containsExactly(done.id(), pending.id());
        assertThat(ids(call("GET", base + "&status=pending", session, null))).containsExactly(pending.id());
        assertThat(ids(call("GET", base + "&status=succeeded", session, null))).containsExactly(done.id());
        assertThat(ids(call("GET", base + "&status=failed", session, null))).isEmpty();
        // and each message can count its deliveries by status
        var page = acme.client()
                .messages()
                .list(
                        "acme",
                        dev.hookline.sdk.MessageListParams.builder()
                                .endpointId("log")
                                .withDeliveries()
                                .build());
        assertThat(page.data())
                .extracting(Message::id, Message::deliveries)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                done.id(), new dev.hookline.sdk.model.DeliveryCounts(0, 0, 1, 0)),
                        org.assertj.core.groups.Tuple.tuple(
                                pending.id(), new dev.hookline.sdk.model.DeliveryCounts(1, 0, 0, 0)));
        assertThat(acme.client().messages().get("acme", done.id()).deliveries()).isNull();
        // and bad filters are named
        assertThat(call("GET", base + "&status=lost", session, null).fields()).containsExactly("status");
        assertThat(call("GET", base + "&include=everything", session, null).fields())
                .containsExactly("include");
    }

    private static int messageCount() {
        return acme.client()
                .messages()
                .list(
                        "acme",
                        dev.hookline.sdk.MessageListParams.builder().limit(250).build())
                .data()
                .size();
    }

    private static List<String> ids(RawHttp.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().path("data")) {
            ids.add(item.path("id").asText());
        }
        return ids;
    }
}
