package dev.hookline.server.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.core.security.ApiKeys;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.AuthenticationException;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.ApiKey;
import dev.hookline.sdk.model.ApiKeyCreated;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.SecretRotateIn;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.sdk.model.TenantPatch;
import dev.hookline.server.testing.LogCapture;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's side: tenants and their API keys, and what deleting a tenant does to deliveries and history. */
class TenantsAndApiKeysTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s,1s,1s,1s,1s,1s,1s,1s");

    static final TestReceiver receiver = TestReceiver.start();

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void operatorCreatesReadsUpdatesListsAndDeletesTenantsByIdOrUid() {
        HooklineClient admin = app.adminClient();

        // when a tenant is created with a uid and metadata
        Tenant created = admin.tenants().create(new TenantIn("Crud", "crud", Map.of("plan", "pro")));

        // then it reads back by id and by uid, identically
        assertThat(created.id()).startsWith("tnt_");
        assertThat(created.metadata()).isEqualTo(Map.of("plan", "pro"));
        assertThat(admin.tenants().get("crud")).isEqualTo(created);
        assertThat(admin.tenants().get(created.id())).isEqualTo(created);

        // and a patch changes only what it names
        Tenant renamed = admin.tenants().update("crud", new TenantPatch("Crud Inc.", null, null));
        assertThat(renamed.name()).isEqualTo("Crud Inc.");
        assertThat(renamed.uid()).isEqualTo("crud");
        assertThat(renamed.metadata()).isEqualTo(Map.of("plan", "pro"));
        Tenant newUid = admin.tenants().update(created.id(), new TenantPatch(null, "crud-2", Map.of("plan", "free")));
        assertThat(newUid.uid()).isEqualTo("crud-2");
        assertThat(newUid.metadata()).isEqualTo(Map.of("plan", "free"));
        assertThat(admin.tenants().listAll()).extracting(Tenant::id).contains(created.id());

        // and delete removes it for good
        admin.tenants().delete("crud-2");
        assertThat(app.raw()
                        .call("GET", "/v1/tenants/" + created.id(), TestApp.ADMIN_KEY, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tenantUidsAreUniqueAndNeverShapedLikeIds() {
        RawHttp http = app.raw();
        http.call("POST", "/v1/tenants", TestApp.ADMIN_KEY, "{\"name\":\"One\",\"uid\":\"taken\"}");

        RawHttp.Response duplicate =
                http.call("POST", "/v1/tenants", TestApp.ADMIN_KEY, "{\"name\":\"Two\",\"uid\":\"taken\"}");
        RawHttp.Response idShaped = http.call(
                "POST",
                "/v1/tenants",
                TestApp.ADMIN_KEY,
                "{\"name\":\"Three\",\"uid\":\"tnt_01JD5X3M8ZK4Q2W7R9T6B1C0HY\"}");
        RawHttp.Response badMetadata = http.call(
                "POST",
                "/v1/tenants",
                TestApp.ADMIN_KEY,
                "{\"name\":\"\",\"metadata\":{\"k\":\"" + "v".repeat(1025) + "\"}}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.fields()).containsExactly("uid");
        assertThat(idShaped.status()).isEqualTo(400);
        assertThat(idShaped.fields()).containsExactly("uid");
        assertThat(badMetadata.status()).isEqualTo(400);
        assertThat(badMetadata.fields()).containsExactly("name", "metadata.k");
    }

    @Test
    void apiKeyIsShownOnceStoredAsAHashListedByPrefixAndTracksLastUse() {
        HooklineClient admin = app.adminClient();
        admin.tenants().create(new TenantIn("Keys", "keys", null));

        // when a key is created
        ApiKeyCreated created = admin.apiKeys().create("keys", new ApiKeyIn("ci"));

        // then the full key is hk_ and 32 random bytes, shown in this answer only
        assertThat(created.key()).startsWith("hk_").hasSize(3 + 43);
        assertThat(created.prefix()).isEqualTo(created.key().substring(0, 9));
        Page<ApiKey> listed = admin.apiKeys().list("keys");
        assertThat(listed.data()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("ci");
            assertThat(k.prefix()).isEqualTo(created.prefix());
            assertThat(k.lastUsedAt()).isNull();
        });
        assertThat(app.raw()
                        .call("GET", "/v1/tenants/keys/api-keys", TestApp.ADMIN_KEY, null)
                        .body())
                .doesNotContain(created.key());

        // and the database holds its hash, never the key
        String rows = app.env()
                .jdbi()
                .withHandle(h -> String.join(
                        "\n",
                        h.createQuery("SELECT k::text FROM api_keys k")
                                .mapTo(String.class)
                                .list()));
        assertThat(rows)
                .doesNotContain(created.key())
                .doesNotContain(created.key().substring(9))
                .contains(HexFormat.of().formatHex(ApiKeys.hash(created.key())));

        // and using it is recorded
        app.client(created.key()).endpoints().list("keys");
        assertThat(admin.apiKeys().list("keys").data().get(0).lastUsedAt())
                .isNotNull()
                .isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void revokedKeyStopsWorkingWithTheNextRequest() {
        HooklineClient admin = app.adminClient();
        admin.tenants().create(new TenantIn("Revoke", "revoke", null));
        ApiKeyCreated key = admin.apiKeys().create("revoke", new ApiKeyIn("old"));
        HooklineClient tenant = app.client(key.key());
        assertThat(tenant.endpoints().list("revoke").data()).isEmpty();

        // when the operator revokes it
        admin.apiKeys().delete("revoke", key.id());

        // then the very next request is refused
        assertThatThrownBy(() -> tenant.endpoints().list("revoke")).isInstanceOf(AuthenticationException.class);
        RawHttp.Response answer = app.raw().call("GET", "/v1/tenants/revoke/endpoints", key.key(), null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(admin.apiKeys().list("revoke").data()).isEmpty();
    }

    @Test
    void keysThatAreNotQuiteRightAreRefused() {
        HooklineClient admin = app.adminClient();
        admin.tenants().create(new TenantIn("Near", "near", null));
        String key = admin.apiKeys().create("near", new ApiKeyIn("k")).key();
        String samePrefixOtherKey = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        for (String wrong :
                List.of(samePrefixOtherKey, key + "x", key.substring(0, 20), "hk_", "", TestApp.ADMIN_KEY + "x")) {
            assertThat(app.raw().call("GET", "/v1/tenants/near", wrong, null).status())
                    .as(wrong)
                    .isEqualTo(401);
        }
        assertThat(app.raw().call("GET", "/v1/tenants/near", null, null).status())
                .isEqualTo(401);
    }

    @Test
    void deletingATenantStopsItsDeliveriesAndKeepsItsHistory() {
        // given a tenant whose endpoint keeps failing, so its delivery keeps being retried
        HooklineClient admin = app.adminClient();
        Tenant tenant = admin.tenants().create(new TenantIn("Doomed", "doomed", null));
        receiver.otherwiseAnswer(r -> TestReceiver.Answer.status(r.path().equals("/doomed") ? 500 : 200));
        admin.endpoints()
                .create("doomed", EndpointIn.builder(receiver.url("/doomed")).build());
        String messageId = admin.messages()
                .send(
                        "doomed",
                        MessageIn.of(
                                "order.created",
                                JsonNodeFactory.instance.objectNode().put("id", 7)))
                .id();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> receiver.receivedOn("/doomed").size() >= 2);

        // when the operator deletes the tenant
        admin.tenants().delete("doomed");

        // then no further attempt reaches the endpoint (at most one already in flight)
        int atDeletion = receiver.receivedOn("/doomed").size();
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.receivedOn("/doomed").size() <= atDeletion + 1);
        // and its endpoints, keys and open deliveries are gone while the message and its attempts stay
        Map<String, Object> counts = app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM endpoints WHERE tenant_id = :t) AS endpoints,
                       (SELECT count(*) FROM deliveries WHERE tenant_id = :t) AS deliveries,
                       (SELECT count(*) FROM messages WHERE tenant_id = :t) AS messages,
                       (SELECT count(*) FROM attempts WHERE tenant_id = :t AND message_id = :m) AS attempts
                """)
                        .bind("t", tenant.id())
                        .bind("m", messageId)
                        .mapToMap()
                        .one());
        assertThat(counts)
                .containsEntry("endpoints", 0L)
                .containsEntry("deliveries", 0L)
                .containsEntry("messages", 1L);
        assertThat((Long) counts.get("attempts")).isGreaterThanOrEqualTo(2L);
        receiver.reset();
    }

    @Test
    void keysAndSecretsNeverReachTheLogsOrErrorBodies() throws Exception {
        List<String> secrets = new ArrayList<>();
        String body;
        try (LogCapture logs = LogCapture.start()) {
            // given every path a key or secret travels: creation, use, revocation, failed use, bad input
            HooklineClient admin = app.adminClient();
            admin.tenants().create(new TenantIn("Logs", "logs", null));
            ApiKeyCreated key = admin.apiKeys().create("logs", new ApiKeyIn("k"));
            secrets.add(key.key());
            HooklineClient tenant = app.client(key.key());
            String supplied = dev.hookline.sdk.Webhook.generateSecret();
            secrets.add(supplied);
            tenant.endpoints()
                    .create(
                            "logs",
                            EndpointIn.builder(receiver.url("/logs"))
                                    .uid("e")
                                    .secret(supplied)
                                    .build());
            tenant.messages().send("logs", MessageIn.of("a.b", JsonNodeFactory.instance.objectNode()));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !receiver.receivedOn("/logs").isEmpty());
            secrets.add(tenant.endpoints()
                    .rotateSecret("logs", "e", new SecretRotateIn(null, 0L))
                    .orElseThrow()
                    .key());
            RawHttp http = app.raw();
            String tooShort = "whsec_" + java.util.Base64.getEncoder().encodeToString("short-secret-value".getBytes());
            secrets.add(tooShort);
            body = http.call(
                                    "POST",
                                    "/v1/tenants/logs/endpoints/e/secret/rotate",
                                    key.key(),
                                    "{\"key\":\"" + tooShort + "\"}")
                            .body()
                    + http.call(
                                    "POST",
                                    "/v1/tenants/logs/endpoints",
                                    key.key(),
                                    "{\"url\":\"" + receiver.url("/x") + "\",\"secret\":\"" + tooShort
                                            + "\",\"apiKey\":\"" + key.key() + "\"}")
                            .body()
                    + http.call("GET", "/v1/tenants/logs", key.key().substring(0, 30) + "wrong", null)
                            .body();
            admin.apiKeys().delete("logs", key.id());
            body += http.call("GET", "/v1/tenants/logs", key.key(), null).body();

            // then neither the logs nor any error body ever held one of them
            String logged = loggedUpToTheEnd(logs);
            assertThat(logged).contains("\"POST /v1/tenants/logs/endpoints HTTP/1.1\" 201"); // the capture saw them
            for (String secret : secrets) {
                assertThat(logged).doesNotContain(secret);
                assertThat(body).doesNotContain(secret);
            }
        }
    }

    @Test
    void aKeySentAsAccessTokenNeverReachesTheRequestLog() {
        try (LogCapture logs = LogCapture.start()) {
            // given a tenant's key, sent in the query string as ?access_token= (Dropwizard's OAuth filter reads it)
            app.adminClient().tenants().create(new TenantIn("Query", "query", null));
            ApiKeyCreated key = app.adminClient().apiKeys().create("query", new ApiKeyIn("k"));
            RawHttp http = app.raw();

            // when it is used, used wrongly, and used after it is revoked
            String path = "/v1/tenants/query/endpoints";
            assertThat(http.call("GET", path + "?limit=5&access_token=" + key.key(), null, null)
                            .status())
                    .isEqualTo(200);
            assertThat(http.call("GET", path + "?access_token=" + key.key() + "x", null, null)
                            .status())
                    .isEqualTo(401);
            app.adminClient().apiKeys().delete("query", key.id());
            assertThat(http.call("GET", path + "?access_token=" + key.key(), null, null)
                            .status())
                    .isEqualTo(401);

            // then the request log has a line for each request, and none holds the key
            String logged = loggedUpToTheEnd(logs);
            assertThat(logged)
                    .contains("\"GET " + path + " HTTP/1.1\" 200")
                    .contains("\"GET " + path + " HTTP/1.1\" 401");
            assertThat(logged).doesNotContain(key.key()).doesNotContain("access_token");
        }
    }

    /**
     * What {@code logs} holds once the request log has caught up: it writes on a thread of its own, in order, so a
     * last request's line comes after every earlier one's.
     */
    private static String loggedUpToTheEnd(LogCapture logs) {
        String marker = "/v1/log-capture-end-" + System.nanoTime();
        app.raw().call("GET", marker, null, null);
        String line = "\"GET " + marker + " HTTP/1.1\"";
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.text().contains(line));
        return logs.text();
    }
}
