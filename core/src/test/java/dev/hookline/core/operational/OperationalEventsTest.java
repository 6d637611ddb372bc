package dev.hookline.core.operational;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.endpoints.EndpointDao;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.queue.DeliveryRef;
import dev.hookline.core.tenants.OperatorTenant;
import dev.hookline.core.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once per change, however many writers see it: the same change recorded by eight transactions at once (as
 * workers whose leases overlapped, or that each got a 410 from one endpoint) is reported by exactly one of them.
 */
class OperationalEventsTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    static final int WRITERS = 8;
    static String tenant;
    static String endpoint;
    static String operationalEndpoint;

    @BeforeAll
    static void aTenantEndpointAndAnOperationalOne() {
        tenant = Ids.next(Ids.TENANT);
        endpoint = Ids.next(Ids.ENDPOINT);
        operationalEndpoint = Ids.next(Ids.ENDPOINT);
        env.jdbi().useHandle(h -> {
            h.execute(
                    "INSERT INTO tenants (id, uid, name, created_at, updated_at) VALUES (?, 'acme', 'Acme', now(), now())",
                    tenant);
            h.execute(
                    "INSERT INTO endpoints (id, tenant_id, uid, url, created_at, updated_at) "
                            + "VALUES (?, ?, 'main', 'https://example.com/', now(), now())",
                    endpoint,
                    tenant);
            h.execute(
                    "INSERT INTO endpoints (id, tenant_id, url, created_at, updated_at) "
                            + "VALUES (?, ?, 'https://ops.example.com/', now(), now())",
                    operationalEndpoint,
                    OperatorTenant.ID);
        });
    }

    @Test
    void aDeliveryExhaustedAfterFourFailuresIsReportedFailingAndExhaustedOnceByEightWritersAtOnce() throws Exception {
        // given a delivery whose fifth attempt has just failed it for good
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery("failed", 5);
        AttemptRow fifth = attempt(delivery, 5, now);

        // when eight transactions record that at once
        List<List<DeliveryRef>> emitted = concurrently(() -> env.jdbi()
                .inTransaction(h -> OperationalEvents.emit(
                        h, OperationalEvents.attemptChanges(h, List.of(fifth), List.of(fifth)), now)));

        // then one of them reported failing and exhausted, each with one delivery to the operational endpoint
        assertThat(emitted.stream().mapToInt(List::size).sum()).isEqualTo(2);
        assertThat(storedTypes()).containsExactly("message.attempt.exhausted", "message.attempt.failing");

        // and a later success reports recovered, once
        setStatus(delivery, "succeeded", 6);
        AttemptRow sixth = attempt(delivery, 6, now);
        concurrently(() -> env.jdbi()
                .inTransaction(h -> OperationalEvents.emit(
                        h, OperationalEvents.attemptChanges(h, List.of(sixth), List.of()), now)));
        assertThat(storedTypes())
                .containsExactly("message.attempt.exhausted", "message.attempt.failing", "message.attempt.recovered");
        clearStored();
    }

    @Test
    void anEndpointDisabledByEightWritersAtOnceIsReportedOnce() throws Exception {
        // given an enabled endpoint, when eight transactions disable it at once (each as a 410 would)
        Instant now = Instant.now();
        List<List<DeliveryRef>> emitted = concurrently(() -> env.jdbi().inTransaction(h -> {
            List<OperationalEvents.Change> changes = new ArrayList<>();
            h.attach(EndpointDao.class)
                    .disable(endpoint, "endpoint answered 410 Gone", now)
                    .ifPresent(d -> changes.add(OperationalEvents.endpointDisabled(
                            d.tenantId(),
                            d.id(),
                            d.uid(),
                            "automatic",
                            "endpoint answered 410 Gone",
                            d.failingSince())));
            return OperationalEvents.emit(h, changes, now);
        }));

        // then one reported it
        assertThat(emitted.stream().mapToInt(List::size).sum()).isEqualTo(1);
        assertThat(storedTypes()).containsExactly("endpoint.disabled");
        String payload = env.jdbi()
                .withHandle(h -> h.createQuery("SELECT convert_from(payload, 'UTF8') FROM messages WHERE tenant_id = ?")
                        .bind(0, OperatorTenant.ID)
                        .mapTo(String.class)
                        .one());
        assertThat(payload)
                .startsWith("{\"type\":\"endpoint.disabled\",\"timestamp\":\"")
                .contains("\"data\":{\"tenantId\":\"" + tenant + "\",\"tenantUid\":\"acme\",\"endpointId\":\""
                        + endpoint + "\",\"endpointUid\":\"main\",\"trigger\":\"automatic\","
                        + "\"reason\":\"endpoint answered 410 Gone\",\"failSince\":null}");
        env.jdbi().useHandle(h -> h.execute("UPDATE endpoints SET disabled = false WHERE id = ?", endpoint));
        clearStored();
    }

    @Test
    void nothingIsReportedAboutTheOperatorsOwnDeliveries() {
        // given an operational delivery that has failed five times
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = Ids.next(Ids.DELIVERY);
        String message = Ids.next(Ids.MESSAGE);
        env.jdbi().useHandle(h -> {
            IngestSql.store(
                    h.getConnection(),
                    List.of(new IngestSql.NewMessage(
                            message, OperatorTenant.ID, "endpoint.created", null, List.of(), "{}".getBytes())),
                    List.of(new IngestSql.NewDelivery(delivery, OperatorTenant.ID, message, operationalEndpoint)),
                    now);
            h.execute("UPDATE deliveries SET status = 'failed', attempts = 5 WHERE id = ?", delivery);
        });
        AttemptRow fifth = attempt(delivery, 5, now);

        // when its attempt is recorded, then there is nothing to report, and no change of the operator's either
        List<DeliveryRef> emitted = env.jdbi()
                .inTransaction(h -> OperationalEvents.emit(
                        h,
                        List.of(OperationalEvents.endpoint(
                                "endpoint.updated", OperatorTenant.ID, operationalEndpoint, null)),
                        now));
        List<OperationalEvents.Change> changes =
                env.jdbi().inTransaction(h -> OperationalEvents.attemptChanges(h, List.of(fifth), List.of(fifth)));
        assertThat(emitted).isEmpty();
        assertThat(changes).isEmpty();
        env.jdbi().useHandle(h -> h.execute("DELETE FROM deliveries WHERE id = ?", delivery));
        clearStored();
    }

    private static <T> List<T> concurrently(Callable<T> writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return writer.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String seedDelivery(String status, int attempts) {
        String message = Ids.next(Ids.MESSAGE);
        String delivery = Ids.next(Ids.DELIVERY);
        env.jdbi().useHandle(h -> {
            IngestSql.store(
                    h.getConnection(),
                    List.of(new IngestSql.NewMessage(
                            message,
                            tenant,
                            "invoice.paid",
                            "evt-1",
                            List.of(),
                            "{\"n\":1}".getBytes(StandardCharsets.UTF_8))),
                    List.of(new IngestSql.NewDelivery(delivery, tenant, message, endpoint)),
                    Instant.now());
        });
        setStatus(delivery, status, attempts);
        return delivery;
    }

    private static void setStatus(String delivery, String status, int attempts) {
        env.jdbi()
                .useHandle(h -> h.execute(
                        "UPDATE deliveries SET status = ?, attempts = ? WHERE id = ?", status, attempts, delivery));
    }

    private static AttemptRow attempt(String delivery, int number, Instant at) {
        return new AttemptRow(
                Ids.next(Ids.ATTEMPT),
                tenant,
                null,
                endpoint,
                delivery,
                "invoice.paid",
                number,
                "scheduled",
                "https://example.com/",
                "failed",
                500,
                null,
                false,
                10,
                null,
                at);
    }

    private static List<String> storedTypes() {
        return env.jdbi()
                .withHandle(
                        h -> h.createQuery("SELECT event_type FROM messages WHERE tenant_id = ? ORDER BY event_type")
                                .bind(0, OperatorTenant.ID)
                                .mapTo(String.class)
                                .list());
    }

    private static void clearStored() {
        env.jdbi().useHandle(h -> {
            h.execute("DELETE FROM deliveries WHERE tenant_id = ?", OperatorTenant.ID);
            h.execute("DELETE FROM messages WHERE tenant_id = ?", OperatorTenant.ID);
        });
    }
}
