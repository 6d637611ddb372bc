package dev.hookline.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.endpoints.StoredSecret;
import dev.hookline.core.security.SecretBox;
import dev.hookline.core.security.SigningSecret;
import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.Webhook;
import dev.hookline.worker.WorkerSettings;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttemptMakerTest {
    /** What the handler was given, as one value. */
    record Made(String context, Instant sentAt, String requestHeadersJson, AttemptResult result) {}

    static final AttemptMaker.Handler<String, Made> MADE = Made::new;

    final SecretBox box = new SecretBox(new byte[32]);
    final WorkerSettings settings = WorkerSettings.defaults().withAllowPrivateNetworks(true);
    final byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    final Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestReceiver receiver;
    HttpClient client;
    AttemptMaker attempts;

    @BeforeEach
    void start() throws Exception {
        receiver = TestReceiver.start();
        client = OutboundHttp.client(settings);
        client.start();
        attempts = new AttemptMaker(client, box, settings);
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        receiver.close();
    }

    @Test
    void signsAndPostsTheJobAndHandsOnTheAnswerWithTheHeadersForTheLog() throws Exception {
        String secret = Webhook.generateSecret();
        DeliveryJob job = job(receiver.url("/hook"), List.of(hmac(secret)));

        Made made = attempts.make(job, sentAt, "ctx", MADE).get(10, TimeUnit.SECONDS);

        assertThat(made.context()).isEqualTo("ctx");
        assertThat(made.sentAt()).isEqualTo(sentAt);
        assertThat(made.result().statusCode()).isEqualTo(200);
        assertThat(made.result().succeeded()).isTrue();
        assertThat(made.requestHeadersJson()).contains("msg_1", "x-custom");
        TestReceiver.Received received = receiver.received().get(0);
        assertThat(received.body()).isEqualTo(payload);
        assertThat(received.header("x-custom")).isEqualTo("yes");
        assertThat(received.header("webhook-timestamp")).isEqualTo(Long.toString(sentAt.getEpochSecond()));
        new Webhook(secret).verify(payload, received.headers()); // throws if the signature is not the secret's
    }

    @Test
    void anEndpointWithoutASecretIsNotSentAndFailsAsSigningFailed() throws Exception {
        DeliveryJob job = job(receiver.url("/hook"), List.of());

        CompletableFuture<Made> attempt = attempts.make(job, sentAt, "ctx", MADE);

        assertThat(attempt).isDone(); // the handler ran before make returned
        Made made = attempt.get();
        assertThat(made.result().statusCode()).isNull();
        assertThat(made.result().error()).startsWith(AttemptResult.ErrorClass.SIGNING_FAILED + ": ");
        assertThat(made.requestHeadersJson()).isNull();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void noAnswerIsClassifiedAsTheFailureItIs() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String secret = Webhook.generateSecret();
        DeliveryJob job = job("http://127.0.0.1:" + closedPort + "/hook", List.of(hmac(secret)));

        Made made = attempts.make(job, sentAt, "ctx", MADE).get(10, TimeUnit.SECONDS);

        assertThat(made.result().statusCode()).isNull();
        assertThat(made.result().error()).isEqualTo(AttemptResult.ErrorClass.CONNECTION_REFUSED);
        assertThat(made.requestHeadersJson()).contains("msg_1"); // the request was built and tried
    }

    private StoredSecret hmac(String secret) {
        return new StoredSecret(
                "ep_1",
                SigningSecret.HMAC,
                box.keyId(),
                box.encrypt(Webhook.decodeSecret(secret)),
                null,
                Instant.now(),
                null);
    }

    private DeliveryJob job(String url, List<StoredSecret> secrets) {
        return new DeliveryJob(
                "dlv_1",
                "tnt_1",
                "msg_1",
                "ep_1",
                1,
                "a.b",
                payload,
                Instant.now(),
                url,
                Map.of("x-custom", "yes"),
                secrets,
                null,
                false);
    }
}
