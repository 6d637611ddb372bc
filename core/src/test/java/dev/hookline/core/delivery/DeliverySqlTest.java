package dev.hookline.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim: one statement, its own transaction, committed without waiting for the WAL flush. */
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
            List<DeliveryJob> jobs = DeliverySql.claim(h.getConnection(), new String[] {delivery},
                    now.plusSeconds(60), now.plusSeconds(1), now);
            assertThat(jobs).extracting(DeliveryJob::deliveryId).containsExactly(delivery);
            return h.createQuery("SELECT current_setting('synchronous_commit')").mapTo(String.class).one();
        });
        String after = jdbi.withHandle(h -> h.createQuery("SELECT current_setting('synchronous_commit')")
                .mapTo(String.class).one());

        assertThat(during).isEqualTo("off");
        assertThat(after).isEqualTo("on"); // a pooled connection's next transaction commits synchronously again
    }

    @Test
    void aClaimedDeliveryIsLeasedAndNotClaimedTwice() {
        Jdbi jdbi = env.jdbi();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String delivery = seedDelivery(jdbi, now);

        List<DeliveryJob> first = jdbi.withHandle(h -> DeliverySql.claim(h.getConnection(), new String[] {delivery},
                now.plusSeconds(60), now.plusSeconds(1), now));
        List<DeliveryJob> second = jdbi.withHandle(h -> DeliverySql.claim(h.getConnection(), new String[] {delivery},
                now.plusSeconds(60), now.plusSeconds(1), now.plusSeconds(1)));

        assertThat(first).singleElement().satisfies(job -> {
            assertThat(job.attemptNumber()).isEqualTo(1);
            assertThat(job.payload()).asString(StandardCharsets.UTF_8).isEqualTo("{\"n\":1}");
        });
        assertThat(second).isEmpty();
        Instant lease = jdbi.withHandle(h -> h.createQuery("SELECT lease_until FROM deliveries WHERE id = :id")
                .bind("id", delivery).mapTo(Instant.class).one());
        assertThat(lease).isEqualTo(now.plusSeconds(60));
    }

    /** A tenant, an endpoint and one due delivery of one message. */
    private static String seedDelivery(Jdbi jdbi, Instant now) {
        String tenant = Ids.next(Ids.TENANT);
        String endpoint = Ids.next(Ids.ENDPOINT);
        String message = Ids.next(Ids.MESSAGE);
        String delivery = Ids.next(Ids.DELIVERY);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO tenants (id, name, created_at, updated_at) VALUES (?, 'Acme', now(), now())", tenant);
            h.execute("INSERT INTO endpoints (id, tenant_id, url, created_at, updated_at) "
                    + "VALUES (?, ?, 'https://example.com/', now(), now())", endpoint, tenant);
            IngestSql.store(h.getConnection(),
                    List.of(new IngestSql.NewMessage(message, tenant, "invoice.paid", null, List.of(),
                            "{\"n\":1}".getBytes(StandardCharsets.UTF_8))),
                    List.of(new IngestSql.NewDelivery(delivery, tenant, message, endpoint)), now.minus(Duration.ofSeconds(1)));
        });
        return delivery;
    }
}
