package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.core.testing.CrashablePostgres;
import dev.hookline.core.testing.TestEnvironment;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.core.testing.TestReceiver.Received;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL itself killed with SIGKILL, every process of it at once, and started again on its data directory, while
 * clients send from several threads and the worker has deliveries in flight to a slow receiver. The server is the
 * test's own ({@link CrashablePostgres}); the machine's shared one is never touched. API and worker run in one JVM
 * that is not restarted.
 *
 * <p>What the duplicates are measured against. The worker's claim and its record of an attempt commit without
 * waiting for the WAL flush, and a SIGKILL of PostgreSQL loses its WAL buffers (shared memory) but not what it had
 * written to its WAL files (the page cache outlives the process). So the crash can undo the last moments' claims and
 * outcomes, never a message the API answered 2xx for (that commit waits for the flush). A message is sent twice only
 * if it is claimed twice, and a claim made before the crash is undone or runs out only if the delivery had not
 * durably succeeded by the kill. Just before each kill the test reads the succeeded deliveries, waits until the WAL
 * is flushed past that read (so those are durable), and reads the leased ones; <em>unsettled</em> = the leased ones
 * and the messages the receiver got a request for before PostgreSQL was back, less the durable successes. That
 * covers the requests the receiver held at the kill, the deliveries the worker held, the outcomes recorded in the
 * last moments before it, and what the worker sent during the outage; a claim made in the milliseconds between the
 * last read and the kill is covered once its request goes out before PostgreSQL is back, which it does because the
 * clients' pace leaves the worker no backlog: about 50 requests are open at the receiver, 6 per endpoint of the 20
 * each may have, and the outbound client has no lower bound per host ({@code SharedHostTest}); a request queued
 * behind such a bound would go out seconds late, and a delivery held longer than its lease would be sent twice,
 * crash or not.
 */
class PostgresKilledTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENDERS = 4;
    /** Each sender sends at most one message per 40 ms (100 messages/s in all), so no backlog builds up. */
    private static final Duration SEND_INTERVAL = Duration.ofMillis(40);

    private static final int ENDPOINTS = 8;
    private static final Duration RECEIVER_HOLDS = Duration.ofMillis(500);
    private static final int CRASHES = Reliability.pick(1, 5);
    private static final int ACCEPTED_AFTER_RESTART = Reliability.pick(50, 200);

    @AutoClose
    static final CrashablePostgres postgres = CrashablePostgres.start();

    /**
     * A lease of 15 s instead of 60: a claim that PostgreSQL made durable but died before answering (the worker never
     * sends it) holds its delivery until the lease runs out, so the wait for the last deliveries is one lease. It
     * stays well above the worker's longest pause between tries to record (5 s), so a delivery first sent after the
     * restart is recorded before its lease ends and is never sent twice.
     */
    @RegisterExtension
    static final TestApp app =
            new TestApp(TestEnvironment.on(postgres.adminDatabase()), c -> c.delivery.leaseSeconds = 15);

    @AutoClose
    static final TestReceiver receiver =
            TestReceiver.start().otherwiseAnswer(r -> Answer.status(200).after(RECEIVER_HOLDS));

    /** One send: its number (in the payload), what came back (status 0: no answer), and when it went and came back. */
    record Outcome(
            long n, int status, String messageId, JsonNode body, String retryAfter, long sentAt, long answeredAt) {
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** Messages whose delivery had durably succeeded just before a kill, and those whose delivery was leased. */
    record Snapshot(Set<String> succeeded, Set<String> leased) {}

    /** One crash: what was settled and in flight at the kill, when it happened, and when PostgreSQL was back. */
    record Crash(Snapshot before, long openAtReceiver, long killedAt, long restartMs, Instant backAt, long back) {}

    @Test
    void everyAcceptedMessageIsDeliveredOutageAnswersAre503AndOnlyUnsettledDeliveriesRepeat() throws Exception {
        // given 8 endpoints on a receiver that holds each request for 500 ms, and 4 clients sending all along
        Scenario s = Scenario.tenant(app, "crash");
        String key =
                app.adminClient().apiKeys().create("crash", new ApiKeyIn("k")).key();
        for (int i = 0; i < ENDPOINTS; i++) {
            s.endpoint(EndpointIn.builder(receiver.url("/e" + i))
                    .eventTypes(List.of("crash.e" + i))
                    .build());
        }
        Senders senders = new Senders(key);
        senders.start();
        long start = System.nanoTime();

        List<Crash> crashes = new ArrayList<>();
        for (int c = 0; c < CRASHES; c++) {
            crashes.add(crashWhileDelivering(senders));
            // then the API accepts again, without a restart of the application
            long back = crashes.get(c).back();
            await("sends accepted after the restart")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> senders.count(o -> o.sentAt() > back && o.accepted()) >= ACCEPTED_AFTER_RESTART);
        }
        senders.stopAndJoin();
        List<Outcome> outcomes = senders.outcomes();

        // and the worker delivers every message answered 2xx, before, during or after a crash, and leaves none open
        Set<String> accepted = new HashSet<>();
        outcomes.stream().filter(Outcome::accepted).forEach(o -> accepted.add(o.messageId()));
        long drainStart = System.nanoTime();
        await("every accepted message delivered")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> webhookIds(receiver.received()).containsAll(accepted)
                        && Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status <> 'succeeded'") == 0);
        long drainMs = millis(System.nanoTime() - drainStart);

        // and every answer was a 202 or a 503 with the error body and Retry-After: no 500, no other 5xx
        Map<Integer, Long> byStatus = new HashMap<>();
        outcomes.forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
        long other5xx = outcomes.stream()
                .filter(o -> o.status() / 100 == 5 && o.status() != 503)
                .count();
        assertThat(other5xx).as("5xx other than 503: %s", byStatus).isZero();
        assertThat(byStatus.keySet()).as("statuses seen: %s", byStatus).containsOnly(202, 503);
        List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 503).toList();
        assertThat(refused).isNotEmpty().allSatisfy(o -> {
            assertThat(o.body().path("code").asInt()).isEqualTo(503);
            assertThat(o.body().path("error").asText()).isEqualTo("unavailable");
            assertThat(o.body().path("message").asText()).isNotBlank();
            assertThat(o.retryAfter()).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        });

        // and a message reached the receiver twice only if it was unsettled at a crash
        List<Received> requests = receiver.received();
        Map<String, Long> perMessage = new HashMap<>();
        requests.forEach(r -> perMessage.merge(r.header("webhook-id"), 1L, Long::sum));
        Set<String> unsettled = unsettled(requests, crashes);
        Set<String> repeated = new HashSet<>(perMessage.keySet());
        repeated.removeIf(id -> perMessage.get(id) == 1);
        long duplicates = requests.size() - perMessage.size();
        assertThat(perMessage.keySet()).containsAll(accepted);
        Set<String> unexplained = new HashSet<>(repeated);
        unexplained.removeAll(unsettled);
        assertThat(unexplained)
                .as(
                        "messages delivered twice though settled at every crash: %s",
                        explain(unexplained, requests, crashes))
                .isEmpty();
        assertThat(duplicates).as("duplicates").isLessThanOrEqualTo(unsettled.size());

        Set<Long> refusedNumbers = new HashSet<>();
        refused.forEach(o -> refusedNumbers.add(o.n()));
        Reliability.report(
                "postgres-sigkill",
                "crashes",
                CRASHES,
                "sent",
                outcomes.size(),
                "accepted",
                accepted.size(),
                "refused503",
                refused.size(),
                "5xxOther",
                other5xx,
                "storedAfter503",
                requests.stream()
                        .map(PostgresKilledTest::number)
                        .distinct()
                        .filter(refusedNumbers::contains)
                        .count(),
                "delivered",
                perMessage.size(),
                "lost",
                accepted.stream().filter(id -> !perMessage.containsKey(id)).count(),
                "requests",
                requests.size(),
                "duplicates",
                duplicates,
                "unsettledAtKill",
                unsettled.size(),
                "openAtKill",
                sum(crashes, Crash::openAtReceiver),
                "leasedAtKill",
                sum(crashes, c -> c.before().leased().size()),
                "outageMs",
                max(crashes, c -> millis(c.back() - c.killedAt())),
                "restartMs",
                max(crashes, Crash::restartMs),
                "apiBackMs",
                max(crashes, c -> firstAcceptedAfter(outcomes, c)),
                "deliveringMsAfterRestart",
                max(crashes, c -> firstDeliveredAfter(requests, outcomes, c)),
                "allDeliveredMsAfterSends",
                drainMs,
                "wallMs",
                millis(System.nanoTime() - start));
    }

    /**
     * Kills PostgreSQL once the receiver holds requests, and starts it again once clients have been refused for it.
     */
    private static Crash crashWhileDelivering(Senders senders) {
        int received = receiver.received().size();
        await("deliveries in flight")
                .atMost(Duration.ofSeconds(60))
                .until(() -> receiver.received().size() >= received + 100 && openAtReceiver(Instant.now()) >= 5);
        Snapshot before = snapshot();
        Instant killedAtInstant = Instant.now();
        long killedAt = System.nanoTime();
        postgres.kill();
        long open = openAtReceiver(killedAtInstant);

        await("503s after the kill")
                .atMost(Duration.ofSeconds(30))
                .until(() -> senders.count(o -> o.sentAt() > killedAt && o.status() == 503) >= SENDERS * 3);
        long restart = System.nanoTime();
        postgres.startAgain();
        long back = System.nanoTime();
        return new Crash(before, open, killedAt, millis(back - restart), Instant.now(), back);
    }

    /**
     * The succeeded deliveries, read so that each is durable (the read is followed by a wait until the WAL is flushed
     * past where it was inserting at the read, which covers every commit the read saw), then the leased ones.
     */
    private static Snapshot snapshot() {
        return app.env().jdbi().withHandle(h -> {
            Set<String> succeeded =
                    new HashSet<>(h.createQuery("SELECT message_id FROM deliveries WHERE status = 'succeeded'")
                            .mapTo(String.class)
                            .list());
            String lsn = h.createQuery("SELECT pg_current_wal_insert_lsn()::text")
                    .mapTo(String.class)
                    .one();
            await("WAL flushed")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> h.createQuery("SELECT pg_current_wal_flush_lsn() >= CAST(:lsn AS pg_lsn)")
                            .bind("lsn", lsn)
                            .mapTo(Boolean.class)
                            .one());
            Set<String> leased = new HashSet<>(
                    h.createQuery("SELECT message_id FROM deliveries WHERE status IN ('pending', 'retrying') "
                                    + "AND lease_until > now()")
                            .mapTo(String.class)
                            .list());
            return new Snapshot(succeeded, leased);
        });
    }

    /**
     * For each crash, messages leased at the kill or requested before PostgreSQL was back, and not durably done.
     */
    private static Set<String> unsettled(List<Received> requests, List<Crash> crashes) {
        Set<String> unsettled = new HashSet<>();
        for (Crash crash : crashes) {
            Set<String> inFlight = new HashSet<>(crash.before().leased());
            requests.stream()
                    .filter(r -> r.at().isBefore(crash.backAt()))
                    .forEach(r -> inFlight.add(r.header("webhook-id")));
            inFlight.removeAll(crash.before().succeeded());
            unsettled.addAll(inFlight);
        }
        return unsettled;
    }

    /**
     * For up to ten messages: when each of their requests reached the receiver (ms after PostgreSQL was last back, and
     * the endpoint's path), and their attempts as the log holds them (delivery, number, outcome, start, duration).
     */
    private static String explain(Set<String> messages, List<Received> requests, List<Crash> crashes) {
        Instant back = crashes.get(crashes.size() - 1).backAt();
        StringBuilder out = new StringBuilder();
        messages.stream().sorted().limit(10).forEach(id -> {
            out.append("\n  ").append(id).append(": requests at");
            requests.stream()
                    .filter(r -> id.equals(r.header("webhook-id")))
                    .forEach(r -> out.append(' ')
                            .append(Duration.between(back, r.at()).toMillis())
                            .append(" ms ")
                            .append(r.path()));
            out.append("; attempts ").append(attempts(id));
        });
        return out.toString();
    }

    private static String attempts(String messageId) {
        return app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT string_agg(delivery_id || ' #' || attempt_number || ' ' || status || ' at '
                                          || created_at::time || ' in ' || duration_ms || ' ms '
                                          || coalesce(error, ''), ', ' ORDER BY created_at)
                        FROM attempts WHERE message_id = :id""")
                        .bind("id", messageId)
                        .mapTo(String.class)
                        .findOne()
                        .orElse("none"));
    }

    /** Requests the receiver was holding at {@code at}: it holds each for {@link #RECEIVER_HOLDS}. */
    private static long openAtReceiver(Instant at) {
        Instant from = at.minus(RECEIVER_HOLDS);
        return receiver.received().stream()
                .filter(r -> r.at().isAfter(from) && !r.at().isAfter(at))
                .count();
    }

    /** From PostgreSQL being back to the first 2xx answered to a send made after that. */
    private static long firstAcceptedAfter(List<Outcome> outcomes, Crash crash) {
        long first = outcomes.stream()
                .filter(o -> o.sentAt() > crash.back() && o.accepted())
                .mapToLong(Outcome::answeredAt)
                .min()
                .orElseThrow();
        return millis(first - crash.back());
    }

    /** From PostgreSQL being back to the first request for a message accepted after that. */
    private static long firstDeliveredAfter(List<Received> requests, List<Outcome> outcomes, Crash crash) {
        Set<String> acceptedAfter = new HashSet<>();
        outcomes.stream()
                .filter(o -> o.sentAt() > crash.back() && o.accepted())
                .forEach(o -> acceptedAfter.add(o.messageId()));
        Instant first = requests.stream()
                .filter(r -> acceptedAfter.contains(r.header("webhook-id")))
                .map(Received::at)
                .min(Instant::compareTo)
                .orElseThrow();
        return Duration.between(crash.backAt(), first).toMillis();
    }

    private static Set<String> webhookIds(List<Received> requests) {
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> ids.add(r.header("webhook-id")));
        return ids;
    }

    /** The send number in a delivered payload. */
    private static long number(Received r) {
        try {
            return JSON.readTree(r.body()).path("n").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sum(List<Crash> crashes, ToLongFunction<Crash> figure) {
        return crashes.stream().mapToLong(figure).sum();
    }

    private static long max(List<Crash> crashes, ToLongFunction<Crash> figure) {
        return crashes.stream().mapToLong(figure).max().orElseThrow();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** Clients sending one message at a time each, at most one per {@link #SEND_INTERVAL}, whatever the answer. */
    private static final class Senders {
        private final String key;
        private final AtomicLong next = new AtomicLong();
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Senders(String key) {
            this.key = key;
        }

        void start() {
            for (int i = 0; i < SENDERS; i++) {
                Thread t = new Thread(this::sendUntilStopped, "crash-sender-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        private void sendUntilStopped() {
            RawHttp http = app.raw();
            while (running) {
                long n = next.getAndIncrement();
                long sentAt = System.nanoTime();
                outcomes.add(send(http, n, sentAt));
                long spare = SEND_INTERVAL.toMillis() - millis(System.nanoTime() - sentAt);
                if (spare > 0) {
                    try {
                        Thread.sleep(spare);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private Outcome send(RawHttp http, long n, long sentAt) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/crash/messages"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"eventType\":\"crash.e" + (n % ENDPOINTS) + "\",\"payload\":{\"n\":" + n + "}}"))
                    .build();
            RawHttp.Response r;
            try {
                r = http.send(request);
            } catch (UncheckedIOException e) {
                return new Outcome(n, 0, null, null, null, sentAt, System.nanoTime());
            }
            JsonNode body = json(r.body());
            return new Outcome(
                    n,
                    r.status(),
                    r.status() / 100 == 2 ? body.path("id").asText() : null,
                    body,
                    r.headers().getOrDefault("retry-after", List.of()).stream()
                            .findFirst()
                            .orElse(null),
                    sentAt,
                    System.nanoTime());
        }

        /** The answer's JSON body; a missing node when it is not JSON, which the assertions on 503s then show. */
        private static JsonNode json(String body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }

        long count(Predicate<Outcome> which) {
            return outcomes.stream().filter(which).count();
        }

        List<Outcome> outcomes() {
            return List.copyOf(outcomes);
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(60_000);
            }
        }
    }
}
