package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.testing.TestApp;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each kind of answer (or non-answer) does to a delivery, its attempt log and its endpoint. */
class DeliveryOutcomesTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.retrySchedule = "0s,100ms,100ms,100ms";
        c.delivery.requestTimeoutSeconds = 1;
    });

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void retriesUntilSuccessAndSignsEveryAttempt() throws Exception {
        // given an endpoint that fails three times, then succeeds
        Scenario s = Scenario.tenant(app, "retries");
        receiver.otherwiseAnswer(r ->
                r.path().equals("/flaky") && receiver.receivedOn("/flaky").size() <= 3
                        ? Answer.status(
                                r.path().equals("/flaky")
                                                && receiver.receivedOn("/flaky").size() == 3
                                        ? 503
                                        : 500)
                        : Answer.status(200));
        Endpoint endpoint = s.endpoint(EndpointIn.builder(receiver.url("/flaky"))
                .headers(Map.of("x-team", "billing"))
                .build());
        String secret = s.secret(endpoint);

        // when one message is sent
        Message message = s.send("invoice.paid", "{\"amount\":42}");

        // then four attempts are logged, numbered 1 to 4, and the delivery succeeded on the fourth
        await().atMost(DEADLINE)
                .until(() -> "succeeded".equals(s.delivery(message.id()).status()));
        List<Attempt> attempts = s.attempts(message.id());
        assertThat(attempts).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3, 4);
        assertThat(attempts).extracting(Attempt::responseStatusCode).containsExactly(500, 500, 503, 200);
        assertThat(attempts).extracting(Attempt::status).containsExactly("failed", "failed", "failed", "succeeded");
        assertThat(attempts).extracting(Attempt::trigger).containsOnly("scheduled");
        assertThat(s.delivery(message.id()).attempts()).isEqualTo(4);

        // and each of the four requests carried the same webhook-id, a valid signature and the custom header
        List<TestReceiver.Received> arrived = receiver.receivedOn("/flaky");
        assertThat(arrived).hasSize(4);
        Webhook verifier = new Webhook(secret);
        for (TestReceiver.Received r : arrived) {
            assertThat(r.header("webhook-id")).isEqualTo(message.id());
            assertThat(r.header("x-team")).isEqualTo("billing");
            assertThat(r.header("user-agent")).startsWith("Hookline/");
            verifier.verify(r.body(), r.headers());
        }
    }

    @Test
    void failsAfterTheLastScheduledAttempt() {
        Scenario s = Scenario.tenant(app, "exhausted");
        receiver.otherwiseAnswer(r -> Answer.status(r.path().equals("/broken") ? 500 : 200));
        Endpoint endpoint = s.endpoint(receiver.url("/broken"));

        Message message = s.send("a.b", "{}");

        await().atMost(DEADLINE)
                .until(() -> "failed".equals(s.delivery(message.id()).status()));
        assertThat(s.attempts(message.id())).extracting(Attempt::attemptNumber).containsExactly(1, 2, 3, 4);
        assertThat(s.delivery(message.id()).lastStatusCode()).isEqualTo(500);
        assertThat(s.reload(endpoint).disabled()).isFalse();
    }

    @Test
    void goneDisablesTheEndpointAtOnceAndFailsWhatWaitsForIt() {
        // given an endpoint limited to one request a second that answers 410 (slowly, so all three exist by then)
        Scenario s = Scenario.tenant(app, "gone");
        receiver.otherwiseAnswer(
                r -> r.path().equals("/gone") ? Answer.status(410).after(Duration.ofMillis(500)) : Answer.status(200));
        Endpoint endpoint = s.endpoint(
                EndpointIn.builder(receiver.url("/gone")).rateLimit(1).build());

        // when three messages are sent
        List<Message> sent =
                List.of(s.send("a.b", "{\"n\":1}"), s.send("a.b", "{\"n\":2}"), s.send("a.b", "{\"n\":3}"));

        // then the endpoint is disabled with the reason, and every delivery failed after a single request
        await().atMost(DEADLINE).until(() -> s.reload(endpoint).disabled());
        assertThat(s.reload(endpoint).disabledReason()).contains("410");
        await().atMost(DEADLINE)
                .until(() -> sent.stream()
                        .allMatch(m -> "failed".equals(s.delivery(m.id()).status())));
        assertThat(receiver.receivedOn("/gone")).hasSize(1);
        assertThat(sent.stream().flatMap(m -> s.attempts(m.id()).stream())).hasSize(1);
    }

    @Test
    void timeoutIsLoggedAsATimeout() {
        Scenario s = Scenario.tenant(app, "slow");
        receiver.otherwiseAnswer(
                r -> r.path().equals("/slow") ? Answer.status(200).after(Duration.ofSeconds(3)) : Answer.status(200));
        s.endpoint(receiver.url("/slow"));

        Message message = s.send("a.b", "{}");

        await().atMost(DEADLINE).until(() -> !s.attempts(message.id()).isEmpty());
        Attempt first = s.attempts(message.id()).get(0);
        assertThat(first.status()).isEqualTo("failed");
        assertThat(first.error()).isEqualTo("timeout");
        assertThat(first.responseStatusCode()).isNull();
        assertThat(first.durationMs()).isBetween(900L, 2_900L);
    }

    @Test
    void refusedConnectionIsLoggedAsConnectionRefused() throws Exception {
        Scenario s = Scenario.tenant(app, "refused");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        s.endpoint("http://127.0.0.1:" + closedPort + "/nobody");

        Message message = s.send("a.b", "{}");

        await().atMost(DEADLINE)
                .until(() -> "failed".equals(s.delivery(message.id()).status()));
        assertThat(s.attempts(message.id()))
                .hasSize(4)
                .allSatisfy(a -> assertThat(a.error()).isEqualTo("connection_refused"));
    }

    @Test
    void keepsTheFirst20KiBOfABodyAndStoresNonUtf8AsBase64() {
        // given one endpoint answering 30 KiB of text with a multi-byte character across the cut, one answering bytes
        Scenario s = Scenario.tenant(app, "bodies");
        byte[] text = new byte[30 * 1024];
        Arrays.fill(text, (byte) 'a');
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(euro, 0, text, 20 * 1024 - 1, euro.length);
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, (byte) 0xc3};
        receiver.otherwiseAnswer(r -> switch (r.path()) {
            case "/long" -> Answer.status(200).withBody(text);
            case "/binary" -> Answer.status(400).withBody(binary);
            default -> Answer.status(200);
        });
        s.endpoint(receiver.url("/long"));
        Message toLong = s.send("a.b", "{}");
        Endpoint binaryEndpoint = s.endpoint(receiver.url("/binary"));
        Message toBinary = s.send("a.b", "{}");

        // then the long body is cut to 20 KiB less the incomplete character, still text
        await().atMost(DEADLINE)
                .until(() -> "succeeded".equals(s.deliveries(toLong.id()).get(0).status()));
        Attempt longAttempt = s.attempts(toLong.id()).get(0);
        assertThat(longAttempt.responseBody()).hasSize(20 * 1024 - 1).matches("a+");
        // and the binary body is stored as base64 of the exact bytes, flagged as such
        await().atMost(DEADLINE)
                .until(() -> s.attempts(toBinary.id()).stream()
                        .anyMatch(a -> binaryEndpoint.id().equals(a.endpointId())));
        Map<String, Object> row = app.env()
                .jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT response_body, response_body_base64 FROM attempts WHERE endpoint_id = :e ORDER BY id LIMIT 1")
                        .bind("e", binaryEndpoint.id())
                        .mapToMap()
                        .one());
        assertThat(row.get("response_body_base64")).isEqualTo(true);
        assertThat(Base64.getDecoder().decode((String) row.get("response_body")))
                .isEqualTo(binary);
    }

    @Test
    void adminPortShowsDeliveryMetricsAndHealthChecksForPostgresAndRedis() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(app.adminUrl() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(app.adminUrl() + "/healthcheck"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics)
                .contains(
                        "hookline.deliveries.succeeded",
                        "hookline.deliveries.failed",
                        "hookline.deliveries.retrying",
                        "hookline.attempts.latency",
                        "hookline.deliveries.end-to-end-ms",
                        "hookline.queue.depth",
                        "hookline.queue.due-retries",
                        "hookline.worker.in-flight",
                        "hookline.worker.waiting-for-endpoint",
                        "hookline.worker.waiting-to-record");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"postgresql\"", "\"redis\"");
    }
}
