package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.PortalSessionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Portal sessions, branding, bucketed stats and the new list options reach their documented routes. */
class PortalSessionsClientTest {
    private static final String CREATED_JSON = """
            {"id":"pts_1","url":"/portal/#token=hlp_secret","token":"hlp_secret","prefix":"hlp_secre",
             "permissions":["read","resend"],"endpointIds":["ep_1"],"next":null,
             "createdAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-01T01:00:00Z"}""";

    private final FakeHookline server = new FakeHookline();
    private final HooklineClient client = server.client(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mintsASessionWithItsOptionsAndNeverPrintsTheToken() throws Exception {
        server.answer(201, CREATED_JSON);

        PortalSessionCreated created = client.portalSessions()
                .create(
                        "acme",
                        PortalSessionIn.builder()
                                .expiresIn(Duration.ofHours(1))
                                .permissions(PortalSessionIn.RESEND)
                                .endpointIds("main")
                                .next("/messages/msg_1")
                                .build());

        FakeHookline.Recorded r = server.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/tenants/acme/portal-sessions");
        assertThat(json.readTree(r.body()))
                .isEqualTo(json.readTree("{\"expiresIn\":3600,\"permissions\":[\"resend\"],"
                        + "\"endpointIds\":[\"main\"],\"next\":\"/messages/msg_1\"}"));
        assertThat(created.token()).isEqualTo("hlp_secret");
        assertThat(created.endpointIds()).containsExactly("ep_1");
        assertThat(created.toString()).doesNotContain("hlp_secret");
    }

    @Test
    void readOnlyIsAnEmptyBodyAndTheServersDefaults() throws Exception {
        server.answer(201, CREATED_JSON);

        client.portalSessions().create("acme", PortalSessionIn.readOnly());

        assertThat(json.readTree(server.lastRequest().body())).isEqualTo(json.readTree("{}"));
    }

    @Test
    void listsRevokesAndReadsTheCurrentSession() {
        server.answer(200, "{\"data\":[],\"iterator\":null,\"done\":true}");
        server.answer(204, null);
        server.answer(200, """
                {"id":"pts_1","tenantId":"tnt_1","tenantUid":"acme",
                 "branding":{"displayName":"Acme","accentColor":"#0055ff","logoUrl":null},
                 "permissions":["read"],"endpointIds":null,"next":null,"expiresAt":"2026-01-01T01:00:00Z"}""");

        client.portalSessions().list("acme", 20, null);
        client.portalSessions().revoke("acme", "pts_1");
        PortalSessionInfo info = client.portalSessions().current();

        assertThat(server.requests().get(0).path()).isEqualTo("/v1/tenants/acme/portal-sessions");
        assertThat(server.requests().get(0).query()).isEqualTo("limit=20");
        assertThat(server.requests().get(1).method()).isEqualTo("DELETE");
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/tenants/acme/portal-sessions/pts_1");
        assertThat(server.requests().get(2).path()).isEqualTo("/v1/portal/session");
        assertThat(info.branding()).isEqualTo(new Branding("Acme", "#0055ff", null));
        assertThat(info.endpointIds()).isNull();
    }

    @Test
    void setsAndReadsBranding() throws Exception {
        server.answer(200, "{\"displayName\":\"Acme\",\"accentColor\":\"#0055ff\",\"logoUrl\":null}");
        server.answer(200, "{\"displayName\":null,\"accentColor\":null,\"logoUrl\":null}");

        client.tenants().setBranding("acme", new Branding("Acme", "#0055ff", null));
        Branding read = client.tenants().branding("acme");

        assertThat(server.requests().get(0).method()).isEqualTo("PUT");
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/tenants/acme/branding");
        assertThat(json.readTree(server.requests().get(0).body()))
                .isEqualTo(json.readTree("{\"displayName\":\"Acme\",\"accentColor\":\"#0055ff\"}"));
        assertThat(server.requests().get(1).method()).isEqualTo("GET");
        assertThat(read).isEqualTo(new Branding(null, null, null));
    }

    @Test
    void asksForBucketedStatsHealthAndMessageFilters() {
        server.answer(200, """
                {"since":"2026-01-01T00:00:00Z","until":"2026-01-01T02:00:00Z","total":3,"succeeded":2,"failed":1,
                 "byStatusClass":{"2xx":2},"successRate":0.6667,"p50Ms":10,"p99Ms":20,"bucket":"1h",
                 "buckets":[{"start":"2026-01-01T00:00:00Z","succeeded":2,"failed":1,"p50Ms":10,"p99Ms":20},
                            {"start":"2026-01-01T01:00:00Z","succeeded":0,"failed":0,"p50Ms":null,"p99Ms":null}]}""");
        server.answer(200, "{\"data\":[],\"iterator\":null,\"done\":true}");
        server.answer(200, "{\"data\":[],\"iterator\":null,\"done\":true}");

        EndpointStats stats =
                client.endpoints().stats("acme", "main", Instant.parse("2026-01-01T00:00:00Z"), null, Endpoints.HOURLY);
        client.endpoints().listWithHealth("acme", null, null);
        client.messages()
                .list(
                        "acme",
                        MessageListParams.builder()
                                .endpointId("main")
                                .status("pending")
                                .withDeliveries()
                                .build());

        assertThat(server.requests().get(0).query()).isEqualTo("since=2026-01-01T00%3A00%3A00Z&bucket=1h");
        assertThat(stats.buckets()).hasSize(2);
        assertThat(stats.buckets().get(1).p50Ms()).isNull();
        assertThat(server.requests().get(1).query()).isEqualTo("include=health");
        assertThat(server.requests().get(2).query()).isEqualTo("endpointId=main&status=pending&include=deliveries");
    }
}
