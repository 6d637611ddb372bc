package dev.hookline.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.core.testing.TestReceiver.Answer;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tracing off (the default): a sender's traceparent still reaches the receiver unchanged, and none is invented. */
class TracingOffTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @AutoClose
    static final TestReceiver receiver = TestReceiver.start();

    @Test
    void traceparentOfTheSendIsCarriedToEveryAttempt() {
        // given an endpoint that fails once, then answers 200
        receiver.thenAnswer(Answer.status(503)).otherwiseAnswer(r -> Answer.status(200));
        Scenario s = Scenario.tenant(app, "untraced");
        s.endpoint(receiver.url("/carried"));
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        // when one message is sent with a traceparent and another without
        assertThat(send(traceparent, 1)).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.receivedOn("/carried").size() >= 2);
        assertThat(send(null, 2)).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.receivedOn("/carried").size() >= 3);

        // then both attempts of the first carry it as it was sent, and the second message's attempt carries none
        var received = receiver.receivedOn("/carried");
        assertThat(received.get(0).header("traceparent")).isEqualTo(traceparent);
        assertThat(received.get(1).header("traceparent")).isEqualTo(traceparent);
        assertThat(received.get(2).header("traceparent")).isNull();
    }

    private static int send(String traceparent, int n) {
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/tenants/untraced/messages"))
                .header("Authorization", "Bearer " + TestApp.ADMIN_KEY)
                .header("Content-Type", "application/json");
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return app.raw()
                .send(request.POST(HttpRequest.BodyPublishers.ofString(
                                "{\"eventType\":\"trace.test\",\"payload\":{\"n\":" + n + "}}"))
                        .build())
                .status();
    }
}
