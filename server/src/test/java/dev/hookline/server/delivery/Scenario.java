package dev.hookline.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Delivery;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.testing.TestApp;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** One tenant with its own API key, and short-hands for what delivery tests do over and over. */
public final class Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestApp app;
    private final String tenant;
    private final HooklineClient client;

    private Scenario(TestApp app, String tenant, HooklineClient client) {
        this.app = app;
        this.tenant = tenant;
        this.client = client;
    }

    /** Creates tenant {@code uid} and a key for it; every call of a test class needs a distinct uid. */
    public static Scenario tenant(TestApp app, String uid) {
        HooklineClient admin = app.adminClient();
        admin.tenants().create(new TenantIn(uid, uid, null));
        String key = admin.apiKeys().create(uid, new ApiKeyIn("tests")).key();
        return new Scenario(app, uid, app.client(key));
    }

    public String tenant() {
        return tenant;
    }

    public HooklineClient client() {
        return client;
    }

    public Endpoint endpoint(EndpointIn in) {
        return client.endpoints().create(tenant, in);
    }

    public Endpoint endpoint(String url) {
        return endpoint(EndpointIn.builder(url).build());
    }

    public String secret(Endpoint endpoint) {
        return client.endpoints().secret(tenant, endpoint.id()).key();
    }

    public Message send(String eventType, String payloadJson) {
        return client.messages().send(tenant, MessageIn.of(eventType, payload(payloadJson)));
    }

    public Message send(MessageIn in) {
        return client.messages().send(tenant, in);
    }

    /** Attempts of one message, oldest first. */
    public List<Attempt> attempts(String messageId) {
        return client
                .attempts()
                .list(
                        tenant,
                        AttemptListParams.builder()
                                .messageId(messageId)
                                .limit(250)
                                .build())
                .data()
                .stream()
                .sorted(Comparator.comparing(Attempt::id))
                .toList();
    }

    public List<Delivery> deliveries(String messageId) {
        return client.messages().deliveries(tenant, messageId).data();
    }

    public Delivery delivery(String messageId) {
        List<Delivery> all = deliveries(messageId);
        if (all.size() != 1) {
            throw new AssertionError("expected one delivery of " + messageId + ", got " + all);
        }
        return all.get(0);
    }

    public Endpoint reload(Endpoint endpoint) {
        return client.endpoints().get(tenant, endpoint.id());
    }

    public TestApp app() {
        return app;
    }

    public static JsonNode payload(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode payload(Map<String, ?> fields) {
        return JSON.valueToTree(fields);
    }
}
