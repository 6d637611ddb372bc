package dev.hookline.server.operational;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.server.testing.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What an operational endpoint received, read as events, and a wait until every delivery has settled. */
final class OperationalInbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestReceiver receiver;
    private final String path;

    OperationalInbox(TestReceiver receiver, String path) {
        this.receiver = receiver;
        this.path = path;
    }

    /** One request as an event: its body read as JSON, with the request it came in. */
    record Event(String type, Instant timestamp, JsonNode data, TestReceiver.Received request) {}

    /**
     * Every event received, in the order of the changes they report (their {@code timestamp}): deliveries carry no
     * ordering promise, so two events of one endpoint may arrive the other way round.
     */
    List<Event> events() {
        return receiver.receivedOn(path).stream()
                .map(r -> {
                    JsonNode body = read(r.body());
                    return new Event(
                            body.path("type").asText(),
                            Instant.parse(body.path("timestamp").asText()),
                            body.path("data"),
                            r);
                })
                .sorted(Comparator.comparing(Event::timestamp))
                .toList();
    }

    /** The events about one endpoint (its {@code data.endpointId}), in the order of the changes. */
    List<Event> about(String endpointId) {
        return events().stream()
                .filter(e -> e.data().path("endpointId").asText().equals(endpointId))
                .toList();
    }

    List<String> typesAbout(String endpointId) {
        return about(endpointId).stream().map(Event::type).toList();
    }

    /**
     * Waits until no delivery, of a tenant or of the operator, is open any more: every attempt has been recorded
     * (with the events it reported) and every operational event has been sent.
     */
    static void awaitSettled(TestApp app) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> app.env()
                                .jdbi()
                                .withHandle(h -> h.createQuery(
                                                "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'retrying')")
                                        .mapTo(Integer.class)
                                        .one())
                        == 0);
    }

    /** The operational events stored for this installation, as (type, data) pairs. */
    static List<JsonNode> stored(TestApp app) {
        return app
                .env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT payload FROM messages WHERE tenant_id = :operator ORDER BY id")
                        .bind("operator", OperatorTenant.ID)
                        .mapTo(byte[].class)
                        .list())
                .stream()
                .map(OperationalInbox::read)
                .toList();
    }

    /** The ids of the stored operational events' messages: the {@code webhook-id}s they are sent with. */
    static List<String> storedIds(TestApp app) {
        return app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM messages WHERE tenant_id = :operator ORDER BY id")
                        .bind("operator", OperatorTenant.ID)
                        .mapTo(String.class)
                        .list());
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
