package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.server.HooklineApplication;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.delivery.Workers;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API in its own JVM is SIGKILLed while 200 sends are in flight. What clients saw is then held against the
 * database: every 2xx is stored, and nothing is stored that a client was refused (4xx/5xx); a send that got no
 * answer may or may not be stored. A worker started afterwards delivers every stored message, including those the
 * dead API stored but never enqueued (the reconciler's job).
 */
class ApiKilledMidRequestTest {
    private static final int SENDS = 200;
    private static final int KILL_AFTER_ANSWERS = 60;

    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false); // setup and queries only

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSendIsStoredAndEveryStoredMessageIsDelivered() throws Exception {
        // given a tenant with one endpoint, and the API alone in its own JVM over the same database and Redis
        Scenario s = Scenario.tenant(app, "killed");
        s.endpoint(receiver.url("/killed"));
        String key = app.adminClient()
                .apiKeys()
                .create("killed", new ApiKeyIn("sender"))
                .key();
        int port = freePort();
        Process api = startApi(port, freePort());
        Map<String, String> outcome = new ConcurrentHashMap<>(); // eventId -> "2xx" | "4xx/5xx" | "no-answer"
        try {
            RawHttp http = new RawHttp("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> answers(http) || !api.isAlive());
            assertThat(api.isAlive())
                    .as("API died:\n%s", read(dir.resolve("api.log")))
                    .isTrue();

            // when 200 sends race from 16 threads and the API is killed after 60 answers
            AtomicInteger answered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            for (int i = 0; i < SENDS; i++) {
                String eventId = "evt-" + i;
                pool.execute(() -> {
                    String seen = send(http, key, eventId);
                    outcome.put(eventId, seen);
                    if (!seen.equals("no-answer") && answered.incrementAndGet() == KILL_AFTER_ANSWERS) {
                        api.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            api.destroyForcibly();
            api.waitFor(10, TimeUnit.SECONDS);
        }

        // then the database agrees with what clients saw
        Set<String> stored = new HashSet<>(app.env()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT event_id FROM messages WHERE event_id IS NOT NULL")
                        .mapTo(String.class)
                        .list()));
        Set<String> acked = eventIds(outcome, "2xx");
        Set<String> refused = eventIds(outcome, "4xx/5xx");
        Set<String> noAnswer = eventIds(outcome, "no-answer");
        assertThat(outcome).hasSize(SENDS);
        assertThat(acked.size()).isGreaterThanOrEqualTo(KILL_AFTER_ANSWERS - refused.size());
        assertThat(noAnswer).as("the kill came mid-way").isNotEmpty();
        assertThat(stored).as("every 2xx is stored").containsAll(acked);
        assertThat(refused)
                .as("nothing refused is stored")
                .filteredOn(stored::contains)
                .isEmpty();
        Set<String> storedUnanswered = new HashSet<>(stored);
        storedUnanswered.removeAll(acked);
        assertThat(noAnswer)
                .as("stored without a 2xx: only sends that got no answer")
                .containsAll(storedUnanswered);

        // and a worker started afterwards delivers every stored message, enqueued or not
        Worker worker = Workers.inProcess(app, Workers.settings());
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status = 'succeeded'")
                            == stored.size());
        } finally {
            worker.stop();
        }
        long open = Reliability.count(app, "SELECT count(*) FROM deliveries WHERE status <> 'succeeded'");
        Set<String> delivered = new HashSet<>();
        receiver.received().forEach(r -> delivered.add(r.header("webhook-id")));
        long lost = stored.size() - delivered.size();
        assertThat(open).isZero();
        assertThat(lost).isZero();
        Reliability.report(
                "api-killed",
                "sent",
                SENDS,
                "acked",
                acked.size(),
                "refused",
                refused.size(),
                "no-answer",
                noAnswer.size(),
                "stored",
                stored.size(),
                "stored-without-2xx",
                storedUnanswered.size(),
                "delivered",
                delivered.size(),
                "lost",
                lost);
    }

    /** Starts {@code HooklineApplication server} in a new JVM: the API only, on the test's database and prefix. */
    private Process startApi(int port, int adminPort) throws IOException {
        var db = app.env().databaseUrl();
        String yaml = """
                server:
                  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                logging:
                  level: WARN
                database:
                  url: "%s"
                  user: "%s"
                  password: ${HOOKLINE_TEST_DB_PASSWORD:-}
                redis:
                  url: "%s"
                  keyPrefix: "%s"
                security:
                  adminKey: "%s"
                  encryptionKey: "%s"
                  allowInsecureUrls: true
                  allowPrivateNetworks: true
                delivery:
                  workerEnabled: false
                """.formatted(
                        port,
                        adminPort,
                        db.jdbcUrl(),
                        db.user() == null ? "" : db.user(),
                        app.env().redisUrl(),
                        app.env().redisPrefix(),
                        TestApp.ADMIN_KEY,
                        app.config().security.encryptionKey);
        Path config = Files.writeString(dir.resolve("api.yml"), yaml);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HooklineApplication.class.getName(),
                        "server",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("api.log").toFile());
        if (db.password() != null) { // in the environment, not in a file or on the command line
            builder.environment().put("HOOKLINE_TEST_DB_PASSWORD", db.password());
        }
        return builder.start();
    }

    private static String send(RawHttp http, String key, String eventId) {
        String body = "{\"eventType\":\"killed.ping\",\"eventId\":\"" + eventId + "\",\"payload\":{\"id\":\"" + eventId
                + "\"}}";
        try {
            int status =
                    http.call("POST", "/v1/tenants/killed/messages", key, body).status();
            return status / 100 == 2 ? "2xx" : "4xx/5xx";
        } catch (UncheckedIOException e) {
            return "no-answer"; // reset, refused: the client cannot know whether it was stored
        }
    }

    private static boolean answers(RawHttp http) {
        try {
            return http.call("GET", "/v1/tenants", TestApp.ADMIN_KEY, null).status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static Set<String> eventIds(Map<String, String> outcome, String seen) {
        Set<String> ids = new HashSet<>();
        outcome.forEach((id, o) -> {
            if (o.equals(seen)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
