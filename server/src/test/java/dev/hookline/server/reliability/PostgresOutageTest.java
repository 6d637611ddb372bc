package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestServers;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL unreachable for a while (every connection through a {@link FaultProxy} cut, new ones refused): the API
 * answers 503 with the error body and never 2xx for a message it did not store; the worker pauses and resumes, and
 * every request a receiver got is logged as exactly one attempt. The machine's PostgreSQL itself is never touched.
 */
class PostgresOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(Reliability.pick(10, 60));
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:]+):(\\d+)/");
    static FaultProxy proxy;

    /**
     * A batch the worker read from Redis but could not claim in PostgreSQL stays unacknowledged and comes back after
     * one lease (default 60 s): the lease here is short so that pause fits the test; docs/reliability.md says so.
     */
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.database.url = throughProxy(c.database.url);
        c.delivery.leaseSeconds = 5;
    });

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    /** What each send got back: the status (0 when no answer came), and its Retry-After values. */
    record Outcome(String eventId, int status, JsonNode body, String messageId, List<String> retryAfter) {}

    @Test
    void apiAnswers503WithoutStoringAndWorkersResumeWithoutLosingOrDoubleLoggingAttempts() throws Exception {
        // given an endpoint, and a client sending messages one after another before, during and after the outage
        Scenario s = Scenario.tenant(app, "outage");
        String key =
                app.adminClient().apiKeys().create("outage", new ApiKeyIn("k")).key();
        s.endpoint(receiver.url("/pg"));
        List<Outcome> outcomes = new ArrayList<>();
        Sender sender = new Sender(key, outcomes);
        sender.start();

        // when the database goes away for the outage and comes back
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 10);
        proxy.cut();
        Thread.sleep(OUTAGE.toMillis());
        proxy.restore();
        long restoredAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.acceptedSince(restoredAt) >= 20);
        sender.stopAndJoin();

        // then every answer was a 202 or a 503 with the error body and Retry-After in seconds, never a 500
        Map<Integer, Long> byStatus = new HashMap<>();
        outcomes.forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
        List<Outcome> refused = outcomes.stream().filter(o -> o.status() != 202).toList();
        assertThat(byStatus.keySet()).as("statuses seen: %s", byStatus).containsOnly(202, 503);
        assertThat(refused).isNotEmpty().allSatisfy(o -> {
            assertThat(o.body().path("code").asInt()).isEqualTo(503);
            assertThat(o.body().path("error").asText()).isEqualTo("unavailable");
            assertThat(o.body().path("message").asText()).isNotBlank();
            // RFC 9110's delay-seconds form (digits only), 5 as docs/reliability.md says
            assertThat(o.retryAfter())
                    .singleElement()
                    .asString()
                    .matches("[0-9]+")
                    .isEqualTo("5");
        });
        // and every accepted message was stored and is delivered, exactly as often as it is logged
        List<String> accepted = outcomes.stream()
                .filter(o -> o.status() == 202)
                .map(Outcome::messageId)
                .toList();
        long resumeStart = System.nanoTime();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() < 300) {
                        System.out.println("still open: " + openDeliveries());
                    }
                })
                .until(() -> Reliability.count(
                                app,
                                "SELECT count(*) FROM deliveries WHERE status = 'succeeded' "
                                        + "AND message_id = ANY(?)",
                                (Object) accepted.toArray(String[]::new))
                        == accepted.size());
        long resumeMs = (System.nanoTime() - resumeStart) / 1_000_000;
        // A 503 leaves the message unstored, except when the connection broke during the COMMIT itself: then
        // PostgreSQL may have committed while the API could not know. Resending with the same eventId is what
        // the 503 asks for, and it must find such a message instead of storing it twice.
        String[] refusedIds = refused.stream().map(Outcome::eventId).toArray(String[]::new);
        long storedAfter503 =
                Reliability.count(app, "SELECT count(*) FROM messages WHERE event_id = ANY(?)", (Object) refusedIds);
        assertThat(storedAfter503)
                .as("messages stored although the send was answered 503 (a commit whose answer was lost)")
                .isLessThanOrEqualTo(2);
        long replayed = 0;
        for (Outcome o : refused) {
            RawHttp.Response again = sender.send(o.eventId());
            assertThat(again.status()).as("resending %s", o.eventId()).isIn(200, 202);
            replayed += again.status() == 200 ? 1 : 0;
        }
        assertThat(replayed)
                .as("resends answered as replays = messages stored despite their 503")
                .isEqualTo(storedAfter503);
        assertThat(Reliability.count(
                        app,
                        "SELECT count(*) - count(DISTINCT event_id) FROM messages WHERE event_id = ANY(?)",
                        (Object) refusedIds))
                .as("a resent message stored twice")
                .isZero();
        List<String> stored = new ArrayList<>(accepted);
        stored.addAll(app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM messages WHERE event_id = ANY(?) AND id <> ALL(?)")
                        .bind(0, refusedIds)
                        .bind(1, accepted.toArray(String[]::new))
                        .mapTo(String.class)
                        .list()));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status <> 'succeeded'") == 0);
        assertThat(Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status <> 'succeeded'"))
                .isZero();
        Map<String, Long> requests = new HashMap<>();
        receiver.received().forEach(r -> requests.merge(r.header("webhook-id"), 1L, Long::sum));
        Map<String, Long> logged = new HashMap<>();
        app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT message_id, count(*) FROM attempts GROUP BY message_id")
                        .reduceRows(logged, (m, row) -> {
                            m.put(row.getColumn(1, String.class), row.getColumn(2, Long.class));
                            return m;
                        }));
        assertThat(requests.keySet()).as("every stored message delivered").containsAll(stored);
        assertThat(logged)
                .as("attempts logged per message = requests received per message")
                .isEqualTo(requests);
        long duplicates = requests.values().stream().mapToLong(n -> n - 1).sum();
        Reliability.report(
                "postgres-outage",
                "outageMs",
                OUTAGE.toMillis(),
                "sent",
                outcomes.size(),
                "accepted",
                accepted.size(),
                "refused503",
                refused.size(),
                "5xxOther",
                0,
                "storedAfter503",
                storedAfter503,
                "replayedOnResend",
                replayed,
                "delivered",
                stored.size(),
                "requests",
                requests.values().stream().mapToLong(Long::longValue).sum(),
                "attemptsLogged",
                logged.values().stream().mapToLong(Long::longValue).sum(),
                "duplicates",
                duplicates,
                "lost",
                0,
                "connectionsRefused",
                proxy.refused(),
                "allDeliveredMsAfterSends",
                resumeMs);
    }

    private static java.util.List<Map<String, Object>> openDeliveries() {
        return app.env()
                .jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT id, status, attempts, next_attempt_at, "
                                        + "lease_until, last_error, now() AS now FROM deliveries WHERE status <> 'succeeded' LIMIT 20")
                        .mapToMap()
                        .list());
    }

    /** Sends messages one at a time, each with its own eventId, and writes down what came back. */
    private static final class Sender extends Thread {
        private final String key;
        private final List<Outcome> outcomes;
        private final Map<Long, Integer> acceptedAt = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        Sender(String key, List<Outcome> outcomes) {
            super("outage-sender");
            this.key = key;
            this.outcomes = outcomes;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int i = 0; running; i++) {
                String eventId = "evt-" + i;
                Outcome outcome;
                try {
                    RawHttp.Response r = send(eventId);
                    JsonNode body = r.json();
                    outcome = new Outcome(
                            eventId,
                            r.status(),
                            body,
                            r.status() == 202 ? body.path("id").asText() : null,
                            r.headers().getOrDefault("retry-after", List.of()));
                } catch (UncheckedIOException e) {
                    outcome = new Outcome(eventId, 0, null, null, List.of());
                }
                synchronized (outcomes) {
                    outcomes.add(outcome);
                }
                if (outcome.status() == 202) {
                    acceptedAt.put(System.nanoTime(), 1);
                } else {
                    sleepQuietly(20); // a client backing off a little, as the SDK would
                }
            }
        }

        /** One send of message {@code eventId} (its payload follows from the id, so a resend is the same message). */
        RawHttp.Response send(String eventId) {
            String i = eventId.substring("evt-".length());
            return app.raw()
                    .send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/outage/messages"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"eventType\":\"pg.test\",\"eventId\":\""
                                    + eventId + "\",\"payload\":{\"i\":" + i + "}}"))
                            .build());
        }

        long acceptedSince(long nanos) {
            return acceptedAt.keySet().stream().filter(t -> t > nanos).count();
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join(30_000);
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rewrites the JDBC URL's host and port to a proxy in front of them, started here. */
    private static String throughProxy(String jdbcUrl) {
        Matcher m = HOST_PORT.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalStateException(
                    "no host:port in " + TestServers.get().source() + " database URL");
        }
        try {
            proxy = FaultProxy.start(m.group(1), Integer.parseInt(m.group(2)));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.replaceFirst("//127.0.0.1:" + proxy.port() + "/");
    }
}
