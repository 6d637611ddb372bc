package dev.hookline.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim and the record: each one statement, its own transaction, committed without waiting for the WAL flush.
 */
class DeliverySqlTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    @Test
    void theClaimTurnsOffSynchronousCommitForItsOwnTransactionOnly() {
        Jdbi jdbi = env.jdbi();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery(jdbi, now);

        // inside a transaction, so that what the claim set can be read before its commit
        String during = jdbi.inTransaction(h -> {
            List<DeliveryJob> claims = DeliverySql.claim(
                    h.getConnection(), new String[] {delivery}, now.plusSeconds(60), now.plusSeconds(1), now);
            assertThat(claims).extracting(DeliveryJob::deliveryId).containsExactly(delivery);
            return h.createQuery("SELECT current_setting('synchronous_commit')")
                    .mapTo(String.class)
                    .one();
        });
        String after = jdbi.withHandle(h -> h.createQuery("SELECT current_setting('synchronous_commit')")
                .mapTo(String.class)
                .one());

        assertThat(during).isEqualTo("off");
        assertThat(after).isEqualTo("on"); // a pooled connection's next transaction commits synchronously again
    }

    @Test
    void theRecordWritesAttemptAndOutcomeAndTurnsOffSynchronousCommitForItsOwnTransactionOnly() {
        Jdbi jdbi = env.jdbi();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery(jdbi, now);
        Map<String, Object> row = jdbi.withHandle(
                h -> h.createQuery("SELECT tenant_id, message_id, endpoint_id FROM deliveries WHERE id = :id")
                        .bind("id", delivery)
                        .mapToMap()
                        .one());
        String attempt = Ids.next(Ids.ATTEMPT);
        AttemptRow attemptRow = new AttemptRow(
                attempt,
                (String) row.get("tenant_id"),
                (String) row.get("message_id"),
                (String) row.get("endpoint_id"),
                delivery,
                "invoice.paid",
                1,
                "scheduled",
                "https://example.com/",
                "succeeded",
                200,
                "ok",
                false,
                12,
                null,
                now);

        String during = jdbi.inTransaction(h -> {
            DeliverySql.record(
                    h.getConnection(),
                    List.of(attemptRow),
                    List.of(new DeliveryOutcome(delivery, DeliveryStatus.SUCCEEDED, 1, null, 200, null)),
                    Set.of((String) row.get("endpoint_id")));
            return h.createQuery("SELECT current_setting('synchronous_commit')")
                    .mapTo(String.class)
                    .one();
        });
        String after = jdbi.withHandle(h -> h.createQuery("SELECT current_setting('synchronous_commit')")
                .mapTo(String.class)
                .one());

        assertThat(during).isEqualTo("off");
        assertThat(after).isEqualTo("on");
        Map<String, Object> outcome = jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, attempts, last_status_code, lease_until FROM deliveries WHERE id = :id")
                .bind("id", delivery)
                .mapToMap()
                .one());
        assertThat(outcome)
                .containsEntry("status", "succeeded")
                .containsEntry("attempts", 1)
                .containsEntry("last_status_code", 200)
                .containsEntry("lease_until", null);
        String logged = jdbi.withHandle(h -> h.createQuery("SELECT delivery_id FROM attempts WHERE id = :id")
                .bind("id", attempt)
                .mapTo(String.class)
                .one());
        assertThat(logged).isEqualTo(delivery);
    }

    @Test
    void aClaimedDeliveryIsLeasedAndNotClaimedTwice() {
        Jdbi jdbi = env.jdbi();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery(jdbi, now);

        List<DeliveryJob> first = jdbi.withHandle(h -> DeliverySql.claim(
                h.getConnection(), new String[] {delivery}, now.plusSeconds(60), now.plusSeconds(1), now));
        List<DeliveryJob> second = jdbi.withHandle(h -> DeliverySql.claim(
                h.getConnection(),
                new String[] {delivery},
                now.plusSeconds(60),
                now.plusSeconds(1),
                now.plusSeconds(1)));

        assertThat(first).singleElement().satisfies(job -> {
            assertThat(job.attemptNumber()).isEqualTo(1);
            assertThat(job.payload()).asString(StandardCharsets.UTF_8).isEqualTo("{\"n\":1}");
            assertThat(job.secrets()).isEmpty(); // this endpoint has none
        });
        assertThat(second).isEmpty();
        Instant lease = jdbi.withHandle(h -> h.createQuery("SELECT lease_until FROM deliveries WHERE id = :id")
                .bind("id", delivery)
                .mapTo(Instant.class)
                .one());
        assertThat(lease).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void theClaimCarriesTheEndpointsActiveSecretsCurrentFirstThenOldNewestFirstAndNoExpiredOnes() {
        Jdbi jdbi = env.jdbi();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery(jdbi, now);
        String tenant = jdbi.withHandle(h -> h.createQuery("SELECT tenant_id FROM deliveries WHERE id = :id")
                .bind("id", delivery)
                .mapTo(String.class)
                .one());
        String endpoint = jdbi.withHandle(h -> h.createQuery("SELECT endpoint_id FROM deliveries WHERE id = :id")
                .bind("id", delivery)
                .mapTo(String.class)
                .one());
        String other = Ids.next(Ids.ENDPOINT);
        String secondDelivery = Ids.next(Ids.DELIVERY);
        // given a current secret, two rotated-out ones still valid, one expired, and another endpoint's secret; and
        // a second due delivery to the same endpoint, so the batch holds two of its deliveries
        jdbi.useHandle(h -> {
            h.execute(
                    "INSERT INTO endpoints (id, tenant_id, url, created_at, updated_at) "
                            + "VALUES (?, ?, 'https://example.com/other', now(), now())",
                    other,
                    tenant);
            secret(h, endpoint, "hmac", "current", now.minusSeconds(10), null);
            secret(h, endpoint, "hmac", "old", now.minusSeconds(300), now.plusSeconds(3600));
            secret(h, endpoint, "ed25519", "older", now.minusSeconds(600), now.plusSeconds(60));
            secret(h, endpoint, "hmac", "expired", now.minusSeconds(900), now.minusSeconds(1));
            secret(h, other, "hmac", "others", now.minusSeconds(5), null);
            String message = Ids.next(Ids.MESSAGE);
            IngestSql.store(
                    h.getConnection(),
                    List.of(new IngestSql.NewMessage(
                            message,
                            tenant,
                            "invoice.paid",
                            null,
                            List.of(),
                            "{\"n\":2}".getBytes(StandardCharsets.UTF_8))),
                    List.of(new IngestSql.NewDelivery(secondDelivery, tenant, message, endpoint)),
                    now.minusSeconds(1));
        });

        List<DeliveryJob> claims = jdbi.withHandle(h -> DeliverySql.claim(
                h.getConnection(),
                new String[] {delivery, secondDelivery},
                now.plusSeconds(60),
                now.plusSeconds(1),
                now));

        assertThat(claims).extracting(DeliveryJob::deliveryId).containsExactlyInAnyOrder(delivery, secondDelivery);
        assertThat(claims).allSatisfy(job -> {
            assertThat(job.secrets()).extracting(StoredSecret::keyId).containsExactly("current", "old", "older");
            assertThat(job.secrets()).allSatisfy(s -> assertThat(s.endpointId()).isEqualTo(endpoint));
            StoredSecret older = job.secrets().get(2);
            assertThat(older.kind()).isEqualTo("ed25519");
            assertThat(older.publicKey()).isEqualTo("pk-older");
            assertThat(older.ciphertext()).asString(StandardCharsets.UTF_8).isEqualTo("ct-older");
            assertThat(older.createdAt()).isEqualTo(now.minusSeconds(600));
            assertThat(older.expiresAt()).isEqualTo(now.plusSeconds(60));
            assertThat(job.secrets().get(0).expiresAt()).isNull();
        });
    }

    @Test
    void theClaimCarriesTheEndpointsOwnMaxInFlightWhichStaysWithinOneTo1000() {
        Jdbi jdbi = env.jdbi();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery(jdbi, now);
        jdbi.useHandle(h -> h.execute(
                "UPDATE endpoints SET max_in_flight = 7 WHERE id = (SELECT endpoint_id FROM deliveries WHERE id = ?)",
                delivery));

        List<DeliveryJob> claims = jdbi.withHandle(h -> DeliverySql.claim(
                h.getConnection(), new String[] {delivery}, now.plusSeconds(60), now.plusSeconds(1), now));

        assertThat(claims).extracting(DeliveryJob::maxInFlight).containsExactly(7);
        for (int outOfRange : new int[] {0, 1001}) {
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                            "UPDATE endpoints SET max_in_flight = ? WHERE id = (SELECT endpoint_id FROM deliveries"
                                    + " WHERE id = ?)",
                            outOfRange,
                            delivery)))
                    .hasMessageContaining("endpoints_max_in_flight_range");
        }
    }

    private static void secret(Handle h, String endpoint, String kind, String keyId, Instant created, Instant expires) {
        h.createUpdate("""
                INSERT INTO endpoint_secrets (id, endpoint_id, kind, key_id, ciphertext, public_key, created_at, expires_at)
                VALUES (:id, :endpoint, :kind, :keyId, :ciphertext, :publicKey, :created, :expires)
                """)
                .bind("id", "sec_" + keyId + "_" + endpoint)
                .bind("endpoint", endpoint)
                .bind("kind", kind)
                .bind("keyId", keyId)
                .bind("ciphertext", ("ct-" + keyId).getBytes(StandardCharsets.UTF_8))
                .bind("publicKey", kind.equals("ed25519") ? "pk-" + keyId : null)
                .bind("created", created)
                .bind("expires", expires)
                .execute();
    }

    /** A tenant, an endpoint and one due delivery of one message. */
    private static String seedDelivery(Jdbi jdbi, Instant now) {
        String tenant = Ids.next(Ids.TENANT);
        String endpoint = Ids.next(Ids.ENDPOINT);
        String message = Ids.next(Ids.MESSAGE);
        String delivery = Ids.next(Ids.DELIVERY);
        jdbi.useHandle(h -> {
            h.execute(
                    "INSERT INTO tenants (id, name, created_at, updated_at) VALUES (?, 'Acme', now(), now())", tenant);
            h.execute(
                    "INSERT INTO endpoints (id, tenant_id, url, created_at, updated_at) "
                            + "VALUES (?, ?, 'https://example.com/', now(), now())",
                    endpoint,
                    tenant);
            IngestSql.store(
                    h.getConnection(),
                    List.of(new IngestSql.NewMessage(
                            message,
                            tenant,
                            "invoice.paid",
                            null,
                            List.of(),
                            "{\"n\":1}".getBytes(StandardCharsets.UTF_8))),
                    List.of(new IngestSql.NewDelivery(delivery, tenant, message, endpoint)),
                    now.minus(Duration.ofSeconds(1)));
        });
        return delivery;
    }
}
