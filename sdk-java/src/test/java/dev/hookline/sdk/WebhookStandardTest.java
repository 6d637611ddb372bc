package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases of the Standard Webhooks reference libraries (libraries/java and libraries/python of
 * standard-webhooks/standard-webhooks), plus tolerance edges, rotation and the HttpHeaders overload.
 */
class WebhookStandardTest {
    private static final String BARE_SECRET = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SECRET = "whsec_" + BARE_SECRET;
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final long NOW = 1_700_000_000L;

    private final Webhook webhook = new Webhook(SECRET).withClock(fixedAt(NOW));

    @Test
    void verifiesAFreshlySignedMessage() {
        assertThatCode(() -> webhook.verify(PAYLOAD, headers(webhook.sign(MSG_ID, NOW, PAYLOAD), NOW)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsTheSecretWithOrWithoutTheWhsecPrefix() throws Exception {
        String signature = webhook.sign(MSG_ID, NOW, PAYLOAD);
        new Webhook(BARE_SECRET).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(signature, NOW));
        assertThat(new Webhook(BARE_SECRET).sign(MSG_ID, NOW, PAYLOAD)).isEqualTo(signature);
    }

    @Test
    void acceptsSvixHeaderNamesWhenTheUnbrandedOnesAreAbsent() throws Exception {
        webhook.verify(
                PAYLOAD,
                Map.of(
                        "svix-id", List.of(MSG_ID),
                        "svix-timestamp", List.of(Long.toString(NOW)),
                        "svix-signature", List.of(webhook.sign(MSG_ID, NOW, PAYLOAD))));
    }

    @Test
    void findsTheValidSignatureAmongInvalidAndUnknownVersionEntries() throws Exception {
        String sigs = String.join(
                " ",
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                webhook.sign(MSG_ID, NOW, PAYLOAD),
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        webhook.verify(PAYLOAD, headers(sigs, NOW));
    }

    @Test
    void verifiesDuringRotationWhenEitherOfTwoSecretsSigned() throws Exception {
        String oldSecret = Webhook.generateSecret();
        String newSecret = Webhook.generateSecret();
        String header = new Webhook(oldSecret).sign(MSG_ID, NOW, PAYLOAD) + " "
                + new Webhook(newSecret).sign(MSG_ID, NOW, PAYLOAD);

        new Webhook(oldSecret).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(header, NOW));
        new Webhook(newSecret).withClock(fixedAt(NOW)).verify(PAYLOAD, headers(header, NOW));
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(header, NOW)))
                .hasMessage("no matching signature found");
    }

    @Test
    void acceptsASignatureHeaderSplitOverSeveralLines() throws Exception {
        Map<String, List<String>> headers = new HashMap<>(headers("v1,bm90IGEgc2lnbmF0dXJl", NOW));
        headers.put("webhook-signature", List.of("v1,bm90IGEgc2lnbmF0dXJl", webhook.sign(MSG_ID, NOW, PAYLOAD)));
        webhook.verify(PAYLOAD, headers);
    }

    @Test
    void rejectsAFlippedSignatureByte() {
        assertThatThrownBy(
                        () -> webhook.verify(PAYLOAD, headers("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", NOW)))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessage("no matching signature found");
    }

    @Test
    void rejectsMalformedSignatureEntries() {
        for (String bad : List.of(
                "invalid_signature",
                "v1,invalid_signature",
                "v2," + webhook.sign(MSG_ID, NOW, PAYLOAD).substring(3),
                "")) {
            assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(bad, NOW)))
                    .as(bad)
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @Test
    void namesEachMissingHeader() {
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            Map<String, List<String>> headers = new HashMap<>(headers(webhook.sign(MSG_ID, NOW, PAYLOAD), NOW));
            headers.remove(name);
            assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers)).hasMessage("missing required header " + name);
        }
    }

    @Test
    void rejectsATimestampThatIsNotANumber() {
        Map<String, List<String>> headers = new HashMap<>(headers(webhook.sign(MSG_ID, NOW, PAYLOAD), NOW));
        headers.put("webhook-timestamp", List.of("hello"));
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers))
                .hasMessage("invalid webhook-timestamp header: not a number of seconds");
    }

    @Test
    void acceptsTimestampsExactlyAtTheToleranceAndRejectsOneSecondBeyond() throws Exception {
        for (long ts : new long[] {NOW - 300, NOW + 300}) {
            webhook.verify(PAYLOAD, headers(webhook.sign(MSG_ID, ts, PAYLOAD), ts));
        }
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(webhook.sign(MSG_ID, NOW - 301, PAYLOAD), NOW - 301)))
                .hasMessage("message timestamp too old");
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(webhook.sign(MSG_ID, NOW + 301, PAYLOAD), NOW + 301)))
                .hasMessage("message timestamp too new");
    }

    @Test
    void honoursAConfiguredTolerance() throws Exception {
        Webhook strict = webhook.withTolerance(Duration.ofSeconds(10));
        strict.verify(PAYLOAD, headers(webhook.sign(MSG_ID, NOW - 10, PAYLOAD), NOW - 10));
        assertThatThrownBy(() -> strict.verify(PAYLOAD, headers(webhook.sign(MSG_ID, NOW - 11, PAYLOAD), NOW - 11)))
                .hasMessage("message timestamp too old");

        Webhook lenient = webhook.withTolerance(Duration.ofHours(1));
        lenient.verify(PAYLOAD, headers(webhook.sign(MSG_ID, NOW - 3600, PAYLOAD), NOW - 3600));
    }

    @Test
    void checksTheTimestampBeforeTheSignatureSoReplaysAreRejectedAsStale() {
        // A captured, validly signed request replayed an hour later.
        long then = NOW - 3600;
        assertThatThrownBy(() -> webhook.verify(PAYLOAD, headers(webhook.sign(MSG_ID, then, PAYLOAD), then)))
                .hasMessage("message timestamp too old");
    }

    @Test
    void verifiesWithJavaNetHttpHeaders() throws Exception {
        HttpHeaders headers = HttpHeaders.of(
                Map.of(
                        "Webhook-Id", List.of(MSG_ID),
                        "Webhook-Timestamp", List.of(Long.toString(NOW)),
                        "Webhook-Signature", List.of(webhook.sign(MSG_ID, NOW, PAYLOAD))),
                (name, value) -> true);
        webhook.verify(PAYLOAD, headers);
        assertThatThrownBy(() -> webhook.verify(PAYLOAD + "x", headers)).hasMessage("no matching signature found");
    }

    @Test
    void generatesWhsecSecretsOf24RandomBytes() {
        String a = Webhook.generateSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Webhook.decodeSecret(a)).hasSize(24);
        assertThat(Webhook.generateSecret()).isNotEqualTo(a);
    }

    @Test
    void neverEchoesTheSecretInExceptionsOrToString() {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("a-very-secret-key-123456".getBytes());
        Webhook hook = new Webhook(secret).withClock(fixedAt(NOW));
        List<Throwable> failures = List.of(
                catchThrowable(() -> hook.verify(PAYLOAD, headers("v1,AAAA", NOW))),
                catchThrowable(() -> hook.verify(PAYLOAD, headers("v1,AAAA", NOW - 9999))),
                catchThrowable(() -> hook.verify(PAYLOAD, Map.of())),
                catchThrowable(() -> new Webhook(secret + "!!")),
                catchThrowable(() -> new Webhook("whsk_" + secret.substring(6))));
        for (Throwable failure : failures) {
            assertThat(failure).isNotNull();
            assertThat(String.valueOf(failure.getMessage()))
                    .doesNotContain(secret.substring(6))
                    .doesNotContain("a-very-secret");
        }
        assertThat(hook.toString()).doesNotContain(secret.substring(6));
    }

    @Test
    void rejectsAnEmptySecret() {
        assertThatThrownBy(() -> new Webhook("whsec_"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret is empty");
        assertThatThrownBy(() -> new Webhook(new byte[0])).hasMessage("secret is empty");
        assertThatThrownBy(() -> new Webhook((String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("secret == null");
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }

    static Clock fixedAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static Map<String, List<String>> headers(String signature, long timestamp) {
        return Map.of(
                "webhook-id",
                List.of(MSG_ID),
                "webhook-timestamp",
                List.of(Long.toString(timestamp)),
                "webhook-signature",
                List.of(signature));
    }
}
