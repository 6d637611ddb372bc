package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After real deliveries, nothing an operator or a tenant can read back holds a credential: not the admin port's
 * {@code /metrics} and {@code /healthcheck}, not an attempt's recorded request headers. Those carry the signature
 * as {@code v1,<redacted>}.
 */
class SecretsDoNotLeakTest {
    private static final int ENDPOINTS = 3;
    private static final int MESSAGES = 4;

    @RegisterExtension
    static final TestApp app = new TestApp();

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void metricsHealthchecksAndRecordedHeadersHoldNoKeySecretOrSignature() {
        // given a tenant with API keys and endpoints with secrets, and messages delivered to all of them
        Scenario s = Scenario.tenant(app, "leaks");
        List<String> forbidden = new ArrayList<>(List.of(
                TestApp.ADMIN_KEY,
                app.adminClient()
                        .apiKeys()
                        .create("leaks", new ApiKeyIn("second"))
                        .key()));
        for (int i = 0; i < ENDPOINTS; i++) {
            Endpoint endpoint = s.endpoint(receiver.url("/e" + i));
            String secret = s.secret(endpoint);
            forbidden.add(secret);
            forbidden.add(secret.substring("whsec_".length())); // the base64 key alone
        }
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            sent.add(s.send("leak.check", "{\"i\":" + i + "}"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= ENDPOINTS * MESSAGES);
        for (TestReceiver.Received r : receiver.received()) {
            String signature = r.header("webhook-signature");
            assertThat(signature).startsWith("v1,");
            forbidden.add(signature);
            forbidden.add(signature.substring("v1,".length()));
        }

        // when an operator scrapes the admin port and a tenant reads every attempt back
        RawHttp admin = new RawHttp(app.adminUrl());
        RawHttp.Response metrics = admin.call("GET", "/metrics", null, null);
        RawHttp.Response health = admin.call("GET", "/healthcheck", null, null);
        List<String> attemptBodies = new ArrayList<>();
        int redactedSignatures = 0;
        for (Message m : sent) {
            for (Attempt listed : s.attempts(m.id())) {
                RawHttp.Response one =
                        app.raw().call("GET", "/v1/tenants/leaks/attempts/" + listed.id(), TestApp.ADMIN_KEY, null);
                assertThat(one.status()).isEqualTo(200);
                attemptBodies.add(one.body());
                Attempt attempt = s.client().attempts().get(s.tenant(), listed.id());
                assertThat(attempt.requestHeaders()).containsEntry("webhook-signature", "v1,<redacted>");
                redactedSignatures++;
            }
        }

        // then none of it holds a key, a secret (whole or its base64 body) or a signature
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("hookline"); // the scrape has the app's own metrics
        assertThat(health.body()).isNotBlank();
        for (String text : concat(metrics.body(), health.body(), attemptBodies)) {
            for (String secret : forbidden) {
                assertThat(text).doesNotContain(secret);
            }
            assertThat(text).doesNotContain("whsec_");
        }
        assertThat(redactedSignatures).isEqualTo(ENDPOINTS * MESSAGES);
        Reliability.report(
                "secrets-not-leaked",
                "endpoints",
                ENDPOINTS,
                "messages",
                MESSAGES,
                "secrets-checked",
                forbidden.size(),
                "metrics-bytes",
                metrics.body().length(),
                "healthcheck-bytes",
                health.body().length(),
                "attempts-read",
                attemptBodies.size(),
                "signatures-redacted",
                redactedSignatures,
                "leaks",
                0);
    }

    private static List<String> concat(String metrics, String health, List<String> attempts) {
        List<String> all = new ArrayList<>(attempts);
        all.add(metrics);
        all.add(health);
        return all;
    }
}
