package dev.hookline.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.PrometheusText;
import dev.hookline.server.testing.PrometheusText.Sample;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics/prometheus} on the admin port: what an operator needs after real deliveries, and label sets that
 * stay the same however many tenants, endpoints and messages there are.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusMetricsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    /** Every id the tests created: none may appear in a label. */
    static final List<String> ids = new ArrayList<>();

    static Set<String> seriesAfterFirstRound;

    @Test
    @Order(1)
    void exportsTheDeliveryPathAfterRealDeliveries() throws Exception {
        // given one endpoint that answers 200 and one that always answers 500
        receiver.otherwiseAnswer(r -> Answer.status(r.path().startsWith("/fail") ? 500 : 200));
        deliverRound("metrics-a", 2);

        // when the exposition is scraped
        PrometheusText scrape = scrape();

        // then it carries the messages accepted, the attempts by outcome and error class, and both histograms
        assertThat(scrape.value("hookline_messages_accepted_total", "route", "single", "result", "stored"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(scrape.value("hookline_attempts_total", "outcome", "succeeded", "error_class", "none"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("hookline_attempts_total", "outcome", "retrying", "error_class", "http_5xx"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(scrape.value("hookline_attempts_total", "outcome", "failed", "error_class", "http_5xx"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("hookline_attempt_duration_seconds_count"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(4));
        assertThat(scrape.value("hookline_delivery_lag_seconds_count", "attempt", "first"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(scrape.value("hookline_delivery_lag_seconds_count", "attempt", "retry"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(scrape.named("hookline_delivery_lag_seconds_bucket")).isNotEmpty();
        // and the queue per shard, the worker's in-flight and recorder backlog, the endpoints failing
        assertThat(scrape.named("hookline_queue_shard_depth"))
                .extracting(s -> s.labels().get("shard"))
                .hasSize(app.config().redis.queueShards)
                .contains("0", Integer.toString(app.config().redis.queueShards - 1));
        assertThat(scrape.named("hookline_queue_shard_delayed")).hasSize(app.config().redis.queueShards);
        assertThat(scrape.named("hookline_queue_oldest_due_age_seconds")).hasSize(app.config().redis.queueShards);
        assertThat(scrape.names())
                .contains(
                        "hookline_worker_in_flight",
                        "hookline_worker_waiting_to_record",
                        "hookline_worker_waiting_for_endpoint",
                        "hookline_queue_depth",
                        "hookline_deliveries_succeeded_total");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scrape().value("hookline_endpoints", "state", "failing"))
                        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1)));
        assertThat(scrape.value("hookline_endpoints", "state", "disabled")).isPresent();
        // and the JVM's, the connection pool's and Jetty's metrics
        assertThat(scrape.names())
                .contains(
                        "jvm_memory_used_bytes",
                        "jvm_threads_current",
                        "jvm_threads_deadlock_count",
                        "process_cpu_seconds_total");
        assertThat(scrape.names()).anyMatch(n -> n.contains("postgresql") && n.contains("active"));
        assertThat(scrape.names()).anyMatch(n -> n.startsWith("org_eclipse_jetty_util_thread_QueuedThreadPool"));
        assertThat(scrape.names()).anyMatch(n -> n.startsWith("io_dropwizard_jetty_MutableServletContextHandler"));
        seriesAfterFirstRound = boundedSeries(scrape);
    }

    @Test
    @Order(2)
    void labelsCarryNoIdsAndTheirSetsStayTheSameWithMoreTenants() throws Exception {
        // given five more tenants, each with its own endpoints and messages, delivered as in the first round
        for (int i = 0; i < 5; i++) {
            deliverRound("metrics-more-" + i, 2);
        }

        // when the exposition is scraped again
        PrometheusText scrape = scrape();

        // then no label value holds an id, a tenant uid or a URL
        for (Sample sample : scrape.samples()) {
            for (String value : sample.labels().values()) {
                assertThat(value)
                        .as("label of %s", sample.series())
                        .doesNotContain("metrics-")
                        .doesNotContain("http://")
                        .doesNotContainPattern("^(tnt|ep|msg|dlv|atm|key)_");
                ids.forEach(id -> assertThat(value).doesNotContain(id));
            }
        }
        // and the Hookline series are the same as after one tenant: nothing grows with tenants or endpoints
        assertThat(boundedSeries(scrape)).isEqualTo(seriesAfterFirstRound);
        // and every label name is one of the few documented ones
        Set<String> labelNames = scrape.samples().stream()
                .filter(s -> s.name().startsWith("hookline_"))
                .flatMap(s -> s.labels().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(labelNames)
                .isSubsetOf("outcome", "error_class", "attempt", "route", "result", "shard", "state", "le", "quantile");
    }

    /** One tenant with an endpoint answering 200 and one answering 500, {@code messages} sent and fully delivered. */
    private static void deliverRound(String tenant, int messages) {
        Scenario s = Scenario.tenant(app, tenant);
        Endpoint ok = s.endpoint(receiver.url("/ok/" + tenant));
        Endpoint failing = s.endpoint(receiver.url("/fail/" + tenant));
        ids.add(ok.id());
        ids.add(failing.id());
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            sent.add(s.send("metrics.test", "{\"n\":" + i + "}"));
        }
        sent.forEach(m -> ids.add(m.id()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent.stream()
                        .flatMap(m -> s.deliveries(m.id()).stream())
                        .allMatch(d ->
                                d.status().equals("succeeded") || d.status().equals("failed")));
    }

    /** The series whose number must not depend on the data: Hookline's own, each with its labels. */
    private static Set<String> boundedSeries(PrometheusText scrape) {
        return scrape.samples().stream()
                .filter(s -> s.name().startsWith("hookline_"))
                .map(Sample::series)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static PrometheusText scrape() throws Exception {
        return PrometheusText.scrape(app.adminUrl() + PrometheusMetrics.PATH);
    }
}
