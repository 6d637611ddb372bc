package dev.hookline.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.hookline.core.attempts.AttemptRow;
import dev.hookline.core.attempts.AttemptSql;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.messages.IngestSql;
import dev.hookline.core.retention.PartitionDao;
import dev.hookline.core.testing.TestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention over simulated time: partitions are made ahead, dropped past retention, payloads expire early. */
class RetentionJobTest {
    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    static final RetentionSettings SETTINGS = new RetentionSettings(
            Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(20), 4, Duration.ofHours(1));

    @Test
    void dropsWeeksPastRetentionExpiresOldPayloadsAndPreparesTheComingWeeks() {
        // given a log with rows of 100, 40 and 10 days ago
        Jdbi jdbi = env.jdbi();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Instant now = clock.instant();
        jdbi.useExtension(PartitionDao.class, dao -> {
            dao.ensure(PartitionDao.ATTEMPTS, now.minus(Duration.ofDays(110)), now);
            dao.ensure(PartitionDao.MESSAGES, now.minus(Duration.ofDays(110)), now);
        });
        String msg100 = message(jdbi, now.minus(Duration.ofDays(100)));
        String msg40 = message(jdbi, now.minus(Duration.ofDays(40)));
        String msg10 = message(jdbi, now.minus(Duration.ofDays(10)));
        String atm40 = attempt(jdbi, msg40, now.minus(Duration.ofDays(40)));
        String atm10 = attempt(jdbi, msg10, now.minus(Duration.ofDays(10)));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO tenants (id, name, created_at, updated_at) VALUES ('tnt_1', 'Acme', now(), now())");
            h.execute("INSERT INTO endpoints (id, tenant_id, url, created_at, updated_at) "
                    + "VALUES ('ep_1', 'tnt_1', 'https://example.com/', now(), now())");
        });
        // deliveries carry their creation time in their id, as IngestSql's callers make them
        String dlv100 = Ids.next(Ids.DELIVERY, now.minus(Duration.ofDays(100)).toEpochMilli());
        String dlv10 = Ids.next(Ids.DELIVERY, now.minus(Duration.ofDays(10)).toEpochMilli());
        jdbi.useHandle(h -> IngestSql.store(
                h.getConnection(),
                List.of(),
                List.of(new IngestSql.NewDelivery(dlv100, "tnt_1", msg100, "ep_1")),
                now.minus(Duration.ofDays(100))));
        jdbi.useHandle(h -> IngestSql.store(
                h.getConnection(),
                List.of(),
                List.of(new IngestSql.NewDelivery(dlv10, "tnt_1", msg10, "ep_1")),
                now.minus(Duration.ofDays(10))));
        jdbi.useHandle(h -> h.execute("UPDATE deliveries SET status = 'succeeded'"));

        // when the job runs
        RetentionJob job = new RetentionJob(jdbi, SETTINGS, clock, new MetricRegistry());
        RetentionJob.Report report = job.runOnce();

        // then whole weeks past retention are gone, by DROP, and what is younger stays
        assertThat(report.partitionsDropped()).isNotEmpty().allMatch(p -> p.matches("(attempts|messages)_p\\d{8}"));
        assertThat(attemptIds(jdbi)).containsExactly(atm10);
        assertThat(messageIds(jdbi)).containsExactlyInAnyOrder(msg40, msg10);
        assertThat(oldestWeekEnd(jdbi, PartitionDao.ATTEMPTS)).isAfter(now.minus(SETTINGS.attempts()));
        assertThat(oldestWeekEnd(jdbi, PartitionDao.MESSAGES)).isAfter(now.minus(SETTINGS.messages()));
        // and the 40-day-old message lost its payload (20 days) but not its row; the 10-day-old one kept it
        assertThat(payloadHeld(jdbi, msg40)).isFalse();
        assertThat(payloadHeld(jdbi, msg10)).isTrue();
        assertThat(report.payloadsExpired()).isEqualTo(1);
        // and the deliveries of the dropped message went with it; the young one stays
        assertThat(report.deliveriesDeleted()).isEqualTo(1);
        List<String> deliveriesLeft = jdbi.withHandle(h ->
                h.createQuery("SELECT id FROM deliveries").mapTo(String.class).list());
        assertThat(deliveriesLeft).containsExactly(dlv10);
        // and the coming four weeks can take rows already
        attempt(jdbi, msg10, now.plus(Duration.ofDays(27)));

        // when nothing changed, a second round does nothing
        RetentionJob.Report idle = job.runOnce();
        assertThat(idle.partitionsDropped()).isEmpty();
        assertThat(idle.partitionsCreated()).isZero();
        assertThat(idle.payloadsExpired()).isZero();

        // when 60 days pass
        clock.set(now.plus(Duration.ofDays(60)));
        RetentionJob.Report later = job.runOnce();

        // then the new weeks exist and the once-young attempt is past retention too
        assertThat(later.partitionsCreated()).isPositive();
        assertThat(attemptIds(jdbi)).doesNotContain(atm10);
        attempt(jdbi, msg10, clock.instant().plus(Duration.ofDays(27)));
        assertThat(payloadHeld(jdbi, msg10)).isFalse();
    }

    @Test
    void payloadRetentionLongerThanMessageRetentionIsRefused() {
        assertThatThrownBy(() -> new RetentionSettings(
                        Duration.ofDays(30), Duration.ofDays(10), Duration.ofDays(20), 4, Duration.ofHours(1)))
                .hasMessageContaining("payload retention cannot exceed message retention");
    }

    private static String message(Jdbi jdbi, Instant at) {
        String id = Ids.next(Ids.MESSAGE, at.toEpochMilli());
        jdbi.useHandle(h -> IngestSql.store(
                h.getConnection(),
                List.of(new IngestSql.NewMessage(id, "tnt_1", "invoice.paid", null, List.of(), "{}".getBytes())),
                List.of(),
                at));
        return id;
    }

    private static String attempt(Jdbi jdbi, String messageId, Instant at) {
        String id = Ids.next(Ids.ATTEMPT, at.toEpochMilli());
        jdbi.useHandle(h -> AttemptSql.insertAll(
                h.getConnection(),
                List.of(new AttemptRow(
                        id,
                        "tnt_1",
                        messageId,
                        "ep_1",
                        "dlv_1",
                        "invoice.paid",
                        1,
                        "scheduled",
                        "https://example.com/",
                        "succeeded",
                        200,
                        "",
                        false,
                        5,
                        null,
                        at))));
        return id;
    }

    private static List<String> attemptIds(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM attempts WHERE created_at < now() + interval '1 day'")
                .mapTo(String.class)
                .list());
    }

    private static List<String> messageIds(Jdbi jdbi) {
        return jdbi.withHandle(h ->
                h.createQuery("SELECT id FROM messages").mapTo(String.class).list());
    }

    private static boolean payloadHeld(Jdbi jdbi, String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload IS NOT NULL FROM messages WHERE id = :id")
                .bind("id", messageId)
                .mapTo(Boolean.class)
                .one());
    }

    /** When the oldest remaining weekly partition ends. */
    private static Instant oldestWeekEnd(Jdbi jdbi, String table) {
        String oldest =
                jdbi.withExtension(PartitionDao.class, dao -> dao.list(table)).get(0);
        return java.time.LocalDate.parse(
                        oldest.substring(oldest.length() - 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(Duration.ofDays(7));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
