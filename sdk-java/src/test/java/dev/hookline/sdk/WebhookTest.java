package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTest {
    // The Standard Webhooks specification's test vector.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final Webhook webhook =
            new Webhook(SECRET).withClock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC));

    @Test
    void signsTheStandardWebhooksTestVector() {
        assertThat(webhook.sign(MSG_ID, TIMESTAMP, PAYLOAD)).isEqualTo(SIGNATURE);
    }

    @Test
    void verifiesTheStandardWebhooksTestVectorWithAnyHeaderCase() throws Exception {
        webhook.verify(
                PAYLOAD,
                Map.of(
                        "Webhook-Id", List.of(MSG_ID),
                        "WEBHOOK-TIMESTAMP", List.of(Long.toString(TIMESTAMP)),
                        "webhook-signature", List.of("v1,bm90IGEgc2lnbmF0dXJl " + SIGNATURE)));
    }

    @Test
    void rejectsATamperedBody() {
        assertThatThrownBy(() -> webhook.verify(PAYLOAD + " ", headers(SIGNATURE, TIMESTAMP)))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessage("no matching signature found")
                .hasMessageNotContaining("MfKQ9r8");
    }

    @Test
    void rejectsStaleAndFutureTimestamps() {
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(SIGNATURE, TIMESTAMP - 301)))
                .hasMessage("message timestamp too old");
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(SIGNATURE, TIMESTAMP + 301)))
                .hasMessage("message timestamp too new");
    }

    @Test
    void namesTheMissingHeader() {
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, Map.of("webhook-id", List.of(MSG_ID))))
                .hasMessage("missing required header webhook-timestamp");
    }

    private static Map<String, List<String>> headers(String signature, long timestamp) {
        return Map.of(
                "webhook-id",
                List.of(MSG_ID),
                "webhook-timestamp",
                List.of(Long.toString(timestamp)),
                "webhook-signature",
                List.of(signature));
    }
}
