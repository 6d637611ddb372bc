package dev.hookline.server.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.delivery.Workers;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import dev.hookline.worker.delivery.RetrySchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two workers on one database and Redis, sharing the queue: endpoints that answer 410 to deliveries both of them
 * hold, deliveries that fail for good and deliveries that recover. Every change is reported once, never twice.
 */
class OperationalEventsTwoWorkersTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    @AutoClose
    static final TestReceiver operator = TestReceiver.start();

    /** Messages to the endpoints that fail or recover; the gone endpoints get a few of their own. */
    static final int MESSAGES = 10;

    static final int GONE_MESSAGES = 6;

    /** Failing after the fourth attempt, then six more a second apart: time for the flaky endpoint to recover. */
    static final RetrySchedule SCHEDULE = RetrySchedule.parse("0s,100ms,100ms,100ms,1s,1s,1s,1s,1s,1s");

    @Test
    void twoWorkersReportEveryChangeExactlyOnce() throws Exception {
        // given an operational endpoint, and a tenant whose endpoints are gone, broken, or failing for a while
        Endpoint ops = app.adminClient()
                .operationalEndpoints()
                .create(EndpointIn.builder(operator.url("/ops")).build());
        AtomicBoolean flakyRecovers = new AtomicBoolean();
        Function<TestReceiver.Received, Answer> answers = r -> switch (r.path()) {
            case "/gone-1", "/gone-2" -> Answer.status(410);
            case "/flaky" -> Answer.status(flakyRecovers.get() ? 200 : 502);
            default -> Answer.status(500);
        };
        List<Worker> workers = new ArrayList<>();
        try (TestReceiver tenantSide = TestReceiver.start().otherwiseAnswer(answers)) {
            Scenario s = Scenario.tenant(app, "two-workers");
            List<Endpoint> gone = List.of(
                    s.endpoint(subscribed(tenantSide.url("/gone-1"), "gone.test")),
                    s.endpoint(subscribed(tenantSide.url("/gone-2"), "gone.test")));
            Endpoint broken = s.endpoint(subscribed(tenantSide.url("/broken"), "invoice.paid"));
            Endpoint flaky = s.endpoint(subscribed(tenantSide.url("/flaky"), "invoice.paid"));
            for (int i = 0; i < GONE_MESSAGES; i++) {
                s.send("gone.test", "{\"n\":" + i + "}");
            }
            for (int i = 0; i < MESSAGES; i++) {
                s.send("invoice.paid", "{\"n\":" + i + "}");
            }

            // when two workers deliver them at once, and the flaky endpoint recovers once it has been reported failing
            for (int i = 0; i < 2; i++) {
                Worker worker = Workers.inProcess(app, Workers.settings().withRetrySchedule(SCHEDULE));
                workers.add(worker);
                worker.start();
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> OperationalInbox.stored(app).stream()
                                    .filter(e -> e.path("type").asText().equals("message.attempt.failing")
                                            && e.path("data")
                                                    .path("endpointId")
                                                    .asText()
                                                    .equals(flaky.id()))
                                    .count()
                            == MESSAGES);
            flakyRecovers.set(true);
            OperationalInbox.awaitSettled(app);

            // then each endpoint was disabled once, and each delivery was failing, exhausted or recovered once
            List<JsonNode> stored = OperationalInbox.stored(app);
            Map<String, Long> perChange = stored.stream()
                    .collect(Collectors.groupingBy(OperationalEventsTwoWorkersTest::change, Collectors.counting()));
            assertThat(perChange)
                    .allSatisfy((change, count) -> assertThat(count).as(change).isEqualTo(1));
            Map<String, String> names = new java.util.HashMap<>();
            for (int i = 0; i < gone.size(); i++) {
                names.put(gone.get(i).id(), "gone-" + (i + 1));
            }
            names.put(broken.id(), "broken");
            names.put(flaky.id(), "flaky");
            Map<String, Long> perTypeAndEndpoint = stored.stream()
                    .filter(e -> !e.path("type").asText().equals("endpoint.created"))
                    .collect(Collectors.groupingBy(
                            e -> e.path("type").asText() + " "
                                    + names.get(
                                            e.path("data").path("endpointId").asText()),
                            java.util.TreeMap::new,
                            Collectors.counting()));
            assertThat(perTypeAndEndpoint)
                    .as("deliveries: %s", deliveryStates())
                    .isEqualTo(new java.util.TreeMap<>(Map.of(
                            "endpoint.disabled gone-1", 1L,
                            "endpoint.disabled gone-2", 1L,
                            "message.attempt.failing broken", (long) MESSAGES,
                            "message.attempt.exhausted broken", (long) MESSAGES,
                            "message.attempt.failing flaky", (long) MESSAGES,
                            "message.attempt.recovered flaky", (long) MESSAGES)));
            for (Endpoint g : gone) {
                assertThat(s.reload(g).disabled()).isTrue();
            }

            // and the operational endpoint received every stored event (a delivery may come twice, as any may when
            // a lease runs out, but always with its webhook-id, which the receiver dedupes on)
            List<String> storedIds = OperationalInbox.storedIds(app);
            assertThat(operator.receivedOn("/ops").stream()
                            .map(r -> r.header("webhook-id"))
                            .distinct())
                    .containsExactlyInAnyOrderElementsOf(storedIds);
            assertThat(app.adminClient().operationalEndpoints().get(ops.id()).disabled())
                    .isFalse();
        } finally {
            for (Worker worker : workers) {
                worker.stop();
            }
        }
    }

    private static EndpointIn subscribed(String url, String eventType) {
        return EndpointIn.builder(url).eventTypes(List.of(eventType)).build();
    }

    /** What one event reports a change of: its type, endpoint and message. */
    private static String change(JsonNode event) {
        JsonNode data = event.path("data");
        return event.path("type").asText() + " " + data.path("endpointId").asText() + " "
                + data.path("messageId").asText();
    }

    /** How many deliveries of each endpoint are in which state, after how many attempts, for a failure's message. */
    private static List<String> deliveryStates() {
        return app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                                SELECT endpoint_id || ' ' || status || ' ' || attempts || ' ' || failing_reported || ' '
                                       || coalesce(exhausted_reported::text, '-') || ': ' || count(*)
                                FROM deliveries GROUP BY endpoint_id, status, attempts, failing_reported, exhausted_reported
                                ORDER BY 1""").mapTo(String.class).list());
    }
}
