package dev.hookline.sdk.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.sdk.Webhook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExampleReceiverTest {
    private static final String BODY = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"inv_42\"}}";

    private final String secret = Webhook.generateSecret();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private ExampleReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new ExampleReceiver(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new Webhook(secret),
                        (id, body) -> handled.add(id + " " + body))
                .start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void acceptsASignedDeliveryAndHandsItOver() throws Exception {
        HttpResponse<String> response = post("msg_1", Instant.now().getEpochSecond(), BODY, BODY);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(handled).containsExactly("msg_1 " + BODY);
    }

    @Test
    void rejectsATamperedBodyWith400() throws Exception {
        HttpResponse<String> response =
                post("msg_1", Instant.now().getEpochSecond(), BODY, BODY.replace("inv_42", "inv_43"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("no matching signature found");
        assertThat(handled).isEmpty();
    }

    @Test
    void rejectsAReplayedOldDeliveryWith400() throws Exception {
        HttpResponse<String> response = post("msg_1", Instant.now().getEpochSecond() - 3600, BODY, BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("message timestamp too old");
    }

    @Test
    void acknowledgesARetriedDeliveryWithoutHandlingItTwice() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(post("msg_1", now, BODY, BODY).statusCode()).isEqualTo(204);
        assertThat(post("msg_1", now + 5, BODY, BODY).statusCode()).isEqualTo(204);

        assertThat(handled).hasSize(1);
    }

    @Test
    void rejectsAnUnsignedRequestWith400() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url())
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("missing required header webhook-id");
    }

    private HttpResponse<String> post(String id, long timestamp, String signedBody, String sentBody) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url())
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new Webhook(secret).sign(id, timestamp, signedBody))
                .POST(HttpRequest.BodyPublishers.ofString(sentBody))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.port() + "/webhooks");
    }
}
