package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.ReplicatedPostgres;
import dev.hookline.core.testing.TestEnvironment;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.MessageListParams;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code HOOKLINE_DATABASE_READ_URL}: the delivery log is read from a real streaming replica (a hot standby the test
 * makes from its own primary, {@link ReplicatedPostgres}) while writes and the worker stay on the primary. With the
 * standby's replay paused, lists show what the standby has, and a message or attempt fetched by id is found on the
 * primary. A stopped standby sends the reads to the primary, and they come back once it is up again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {
    @AutoClose
    static final ReplicatedPostgres postgres = ReplicatedPostgres.start();

    @RegisterExtension
    static final TestApp app = new TestApp(
            TestEnvironment.on(postgres.adminDatabase()), c -> c.database.readUrl = postgres.onReplica(c.database.url));

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    @Order(1)
    void theLogIsReadFromTheReplicaAndWhatWasJustWrittenCanBeFetchedById() {
        // given a message delivered and replicated
        Scenario s = Scenario.tenant(app, "replica");
        s.endpoint(receiver.url("/replica"));
        Message first = s.send("replica.test", "{\"n\":1}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "succeeded".equals(s.delivery(first.id()).status()));
        postgres.awaitCaughtUp();

        // when the replica stops applying the primary's changes, and another message is sent and delivered
        postgres.pauseReplay();
        try {
            Message second = s.send("replica.test", "{\"n\":2}");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "succeeded".equals(s.delivery(second.id()).status()));

            // then lists come from the replica, which has the first message and its attempt only
            assertThat(messageIds(s)).contains(first.id()).doesNotContain(second.id());
            assertThat(attempts(s)).extracting(Attempt::messageId).containsExactly(first.id());

            // and what the caller was handed can be fetched by id all the same, from the primary
            assertThat(s.client().messages().get(s.tenant(), second.id()).id()).isEqualTo(second.id());
            String attemptId = app.env()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT id FROM attempts WHERE message_id = :m")
                            .bind("m", second.id())
                            .mapTo(String.class)
                            .one());
            assertThat(s.client().attempts().get(s.tenant(), attemptId).messageId())
                    .isEqualTo(second.id());
        } finally {
            postgres.resumeReplay();
        }

        // and once the replica catches up, the lists show everything
        await().atMost(Duration.ofSeconds(30)).until(() -> messageIds(s).size() == 2);
        assertThat(fallbacks()).isZero();
    }

    @Test
    @Order(2)
    void aStoppedReplicaSendsTheReadsToThePrimaryUntilItIsBack() {
        Scenario s = Scenario.tenant(app, "stopped");
        s.endpoint(receiver.url("/stopped"));

        // when the replica stops
        postgres.stopReplica();
        try {
            // then the log is still read, from the primary, up to the last message
            Message sent = s.send("replica.test", "{\"n\":3}");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "succeeded".equals(s.delivery(sent.id()).status()));
            assertThat(messageIds(s)).containsExactly(sent.id());
            assertThat(attempts(s)).extracting(Attempt::messageId).containsExactly(sent.id());
            assertThat(fallbacks()).isPositive();
            assertThat(gauge("hookline.database.replica.in-use")).isEqualTo(0);
        } finally {
            postgres.startReplica();
        }

        // and once it is back, the reads go to it again: with its replay paused, a new message is not listed
        postgres.pauseReplay();
        try {
            Message later = s.send("replica.test", "{\"n\":4}");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !messageIds(s).contains(later.id()));
            assertThat(gauge("hookline.database.replica.in-use")).isEqualTo(1);
            Reliability.report("read-replica", "fallbacksWhileStopped", fallbacks(), "backOnReplica", true);
        } finally {
            postgres.resumeReplay();
        }
    }

    private static List<String> messageIds(Scenario s) {
        return s
                .client()
                .messages()
                .list(s.tenant(), MessageListParams.builder().limit(250).build())
                .data()
                .stream()
                .map(Message::id)
                .toList();
    }

    private static List<Attempt> attempts(Scenario s) {
        return s.client()
                .attempts()
                .list(s.tenant(), AttemptListParams.builder().limit(250).build())
                .data();
    }

    private static long fallbacks() {
        return (Long) gauge("hookline.database.replica.fallbacks");
    }

    private static Object gauge(String name) {
        return app.environment().metrics().getGauges().get(name).getValue();
    }
}
